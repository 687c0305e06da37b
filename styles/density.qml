<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- hotspot: single-band rasters (density surfaces, Gi* z and bins): a colour ramp, cells up to {{TRANSPARENT_MAX}} transparent. {{...}} filled in per run. -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology">
  <pipe>
    <rasterrenderer type="singlebandpseudocolor" band="1" opacity="0.85" alphaBand="-1" classificationMin="{{MIN}}" classificationMax="{{MAX}}" nodataColor="">
      <rasterTransparency>
        <singleValuePixelList>
          <pixelListEntry min="-9999" max="{{TRANSPARENT_MAX}}" percentTransparent="100"/>
        </singleValuePixelList>
      </rasterTransparency>
      <minMaxOrigin>
        <limits>None</limits>
        <extent>WholeRaster</extent>
        <statAccuracy>Estimated</statAccuracy>
        <cumulativeCutLower>0.02</cumulativeCutLower>
        <cumulativeCutUpper>0.98</cumulativeCutUpper>
        <stdDevFactor>2</stdDevFactor>
      </minMaxOrigin>
      <rastershader>
        <colorrampshader colorRampType="{{RAMP_TYPE}}" classificationMode="1" clip="0" minimumValue="{{MIN}}" maximumValue="{{MAX}}" labelPrecision="4">
{{ITEMS}}
        </colorrampshader>
      </rastershader>
    </rasterrenderer>
    <brightnesscontrast brightness="0" contrast="0" gamma="1"/>
    <huesaturation saturation="0" grayscaleMode="0" colorizeOn="0" colorizeRed="255" colorizeGreen="128" colorizeBlue="128" colorizeStrength="100"/>
    <rasterresampler maxOversampling="2"/>
  </pipe>
  <blendMode>0</blendMode>
</qgis>
