<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- hotspot: polygons coloured by a category field (Gi* confidence bins, LISA clusters). {{...}} are filled in when the GeoPackage is written. -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology">
  <renderer-v2 type="categorizedSymbol" attr="{{ATTRIBUTE}}" symbollevels="0" enableorderby="0" forceraster="0" referencescale="-1">
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
  <layerGeometryType>2</layerGeometryType>
</qgis>
