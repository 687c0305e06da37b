<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- hotspot: area measures as a choropleth (a grey class for zero, then natural breaks, yellow to red), areas
     labelled by {{LABEL_FIELD}} at 1:{{LABEL_MAX_SCALE}} and closer. {{...}} are filled in per run. -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling" labelsEnabled="{{LABELS_ENABLED}}">
  <renderer-v2 type="graduatedSymbol" attr="{{ATTRIBUTE}}" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0" referencescale="-1">
    <ranges>
{{RANGES}}
    </ranges>
    <symbols>
{{SYMBOLS}}
    </symbols>
    <source-symbol>
{{SOURCE_SYMBOL}}
    </source-symbol>
    <mode name="jenks"/>
    <rotation/>
    <sizescale/>
    <labelformat format="%1 - %2" trimtrailingzeroes="true" decimalplaces="1"/>
  </renderer-v2>
{{LABELING}}
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerGeometryType>2</layerGeometryType>
</qgis>
