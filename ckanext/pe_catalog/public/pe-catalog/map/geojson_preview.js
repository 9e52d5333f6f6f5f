/* ckanext-geoview's GeoJSON preview module ("geojsonpreview"), registered again
 * after geoview's own (webassets "preload") with two changes:
 *
 * - a feature's properties go into its popup as text: geoview wrote them into
 *   the popup's HTML as they came, so a property such as
 *   "<img src=x onerror=...>" in an uploaded file ran its script in the
 *   portal's page;
 * - a file that cannot be read as GeoJSON gets a message in the visitor's
 *   language, not the parser's English error (nor an error page's HTML).
 *
 * Derived from ckanext-geoview 0.3.2 (public/js/geojson_preview.js, AGPL-3.0).
 */
// ckan.module refuses a name twice: geoview's registration goes first
delete ckan.module.registry.geojsonpreview;
ckan.module('geojsonpreview', function (jQuery, _) {
  'use strict';

  return {
    options: {
      style: {
        opacity: 0.7,
        fillOpacity: 0.1,
        weight: 2
      },
      i18n: {
        'error': _('The map cannot be shown: the file is not valid GeoJSON. You can still download it.'),
        'file_too_big': _('This GeoJSON file is too big to be previewed. Please download it locally.')
      }
    },

    initialize: function () {
      var self = this;
      self.el.empty();
      if (this.options.max_file_size !== 'None' && preload_resource.size &&
        preload_resource.size > this.options.max_file_size) {
        self.showMessage(this.i18n('file_too_big'));
        return;
      }
      self.el.append(jQuery('<div></div>').attr('id', 'map'));
      self.map = ckan.commonLeafletMap('map', this.options.map_config, {attributionControl: false});
      // where Leaflet looks for its marker images
      L.Icon.Default.imagePath = this.options.site_url + 'js/vendor/leaflet/images/';
      // RFC 7946's CRS, under the name proj4 uses (ckanext-geoview issue 51)
      proj4.defs['OGC:CRS84'] = proj4.defs['EPSG:4326'];

      jQuery.ajax({url: preload_resource['url'], dataType: 'json'})
        .done(function (data) {
          try {
            self.showPreview(data);
          } catch (error) {
            self.showMessage(self.i18n('error'));
          }
        })
        .fail(function () {
          self.showMessage(self.i18n('error'));
        });
    },

    showMessage: function (message) {
      var paragraph = jQuery('<p class="text-danger"></p>').text(message);
      this.el.empty().append(jQuery('<div class="data-viewer-error"></div>').append(paragraph));
    },

    popup: function (properties) {
      var tbody = jQuery('<tbody></tbody>');
      jQuery.each(properties, function (key, value) {
        if (value != null && typeof value === 'object') {
          value = JSON.stringify(value);
        }
        tbody.append(jQuery('<tr></tr>')
          .append(jQuery('<th></th>').text(key))
          .append(jQuery('<td></td>').text(value == null ? '' : String(value))));
      });
      var table = jQuery('<table class="table table-striped table-bordered table-condensed"></table>').append(tbody);
      return jQuery('<div class="table-container"></div>').append(table)[0];
    },

    showPreview: function (geojsonFeature) {
      var self = this;
      var layer = L.Proj.geoJson(geojsonFeature, {
        style: self.options.style,
        onEachFeature: function (feature, featureLayer) {
          if (feature.properties && typeof feature.properties === 'object') {
            featureLayer.bindPopup(self.popup(feature.properties));
          }
        }
      }).addTo(self.map);
      var bounds = layer.getBounds();
      if (!bounds.isValid()) {
        throw new Error('no features');
      }
      self.map.fitBounds(bounds);
    }
  };
});
