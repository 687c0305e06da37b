<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- hotspot: area measures as a quantile choropleth (yellow to red). {{...}} are filled in per run. -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling">
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
    <mode name="quantile"/>
    <rotation/>
    <sizescale/>
    <labelformat format="%1 - %2" trimtrailingzeroes="true" decimalplaces="1"/>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerGeometryType>2</layerGeometryType>
</qgis>
