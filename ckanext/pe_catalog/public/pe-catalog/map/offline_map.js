/* Offline base map for ckanext-spatial's Leaflet widgets (dataset extent map,
 * search-by-box map).
 *
 * Loaded after ckanext-spatial's common_map.js (webassets "preload"), it wraps
 * ckan.commonLeafletMap: with a tile provider configured
 * (ckanext.spatial.common_map.type) ckanext-spatial's own function runs; with
 * none, instead of its "No map provider set" notice the map gets Peru's
 * departments (Natural Earth, public domain) drawn from a GeoJSON file served
 * by the portal: no request leaves the site.
 *
 * It also puts Leaflet's and Leaflet.draw's own texts through CKAN's JS i18n.
 */
(function (ckan, jQuery, L) {
  'use strict';

  if (!ckan || !L || !ckan.commonLeafletMap || ckan.commonLeafletMap.peOffline) {
    return;
  }

  // Marks msgids for extraction from this .js file (babel's N_ keyword), so that
  // CKAN's /api/i18n/<lang> ships them: ckanext-spatial's modules translate these
  // with this._() but the extension has no catalog of its own.
  function N_(msgid) { return msgid; }
  N_('Apply');
  N_('Cancel');
  N_('Draw an extent');
  N_('Please draw query extent in the map:');

  // Same path as ckanext.pe_catalog.maps.BOUNDARIES_URL; the page's
  // <link data-pe-boundaries> gives it with the site's root.
  var BOUNDARIES_PATH = '/pe-catalog/map/peru-departments.geojson';
  var SOURCE_URL = 'https://www.naturalearthdata.com/';

  var providerMap = ckan.commonLeafletMap;
  var boundaries = null;  // one request per page, however many maps

  function _(msgid, values) {
    return ckan.i18n._(msgid, values);
  }

  function boundariesUrl() {
    var link = document.querySelector('link[data-pe-boundaries]');
    return link ? link.href : ckan.url(BOUNDARIES_PATH);
  }

  function loadBoundaries() {
    if (!boundaries) {
      boundaries = fetch(boundariesUrl(), {credentials: 'same-origin'}).then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + ' ' + response.statusText);
        }
        return response.json();
      });
    }
    return boundaries;
  }

  function localizeLeaflet() {
    L.Control.Zoom.mergeOptions({
      zoomInTitle: _('Zoom in'),
      zoomOutTitle: _('Zoom out')
    });
    if (L.drawLocal) {
      var draw = L.drawLocal.draw;
      draw.toolbar.actions.title = _('Cancel drawing');
      draw.toolbar.actions.text = _('Cancel');
      draw.toolbar.finish.title = _('Finish drawing');
      draw.toolbar.finish.text = _('Finish');
      draw.toolbar.undo.title = _('Delete last point drawn');
      draw.toolbar.undo.text = _('Delete last point');
      draw.toolbar.buttons.rectangle = _('Draw a rectangle');
      draw.handlers.rectangle.tooltip.start = _('Click and drag to draw a rectangle.');
      draw.handlers.simpleshape.tooltip.end = _('Release the mouse to finish drawing.');
    }
  }

  function attributionText() {
    var link = '<a href="' + SOURCE_URL + '" target="_blank" rel="noopener">Natural Earth</a>';
    return _('Boundaries: %(source)s (public domain)', {source: link});
  }

  function offlineMap(container, leafletMapOptions) {
    // half zoom steps: Peru fills a narrow sidebar map better
    var options = jQuery.extend({maxZoom: 12, zoomSnap: 0.5}, leafletMapOptions, {attributionControl: false});
    var map = new L.Map(container, options);
    L.DomUtil.addClass(map.getContainer(), 'pe-offline-map');

    // below the dataset's extent and the drawn box (overlayPane, z-index 400)
    var pane = map.createPane('peBoundaries');
    pane.style.zIndex = 200;

    // shown on every map, also where ckanext-spatial turns the control off,
    // as it does itself for its tile layers
    L.control.attribution({prefix: false}).addAttribution(attributionText()).addTo(map);

    loadBoundaries().then(function (collection) {
      L.geoJSON(collection, {
        pane: 'peBoundaries',
        interactive: false,
        style: function (feature) {
          return feature.properties.level === 'country'
            ? {className: 'pe-country', color: '#4d4d4d', weight: 1.5, fill: false}
            : {className: 'pe-department', color: '#8c8c8c', weight: 0.8,
               fillColor: '#f4f1e8', fillOpacity: 1};
        }
      }).addTo(map);
      L.DomUtil.addClass(map.getContainer(), 'pe-offline-map-ready');
    }).catch(function (error) {
      if (window.console) {
        window.console.warn('[pe_catalog] base map not loaded:', error);
      }
    });
    return map;
  }

  ckan.commonLeafletMap = function (container, mapConfig, leafletMapOptions, leafletBaseLayerOptions) {
    localizeLeaflet();
    if (mapConfig && mapConfig.type) {
      return providerMap.apply(this, arguments);
    }
    return offlineMap(container, leafletMapOptions);
  };
  ckan.commonLeafletMap.peOffline = true;

})(this.ckan, this.jQuery, this.L);
