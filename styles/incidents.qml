<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- hotspot: incidents, one colour per category. {{...}} are filled in when a run writes its GeoPackage. -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology">
  <renderer-v2 type="categorizedSymbol" attr="category" symbollevels="0" enableorderby="0" forceraster="0" referencescale="-1">
    <categories>
{{CATEGORIES}}
    </categories>
    <symbols>
{{SYMBOLS}}
    </symbols>
    <source-symbol>
{{SOURCE_SYMBOL}}
    </source-symbol>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerGeometryType>0</layerGeometryType>
</qgis>
