// The opportunity map: a progressive enhancement of the table on the page. It draws the
// vendored land outline (no tile server); tiles load only when the person switches them on.
(function () {
  "use strict";
  var figure = document.querySelector("[data-map]");
  var element = document.getElementById("opportunity-map");
  var source = document.getElementById("opportunity-data");
  if (!figure || !element || !source || typeof L === "undefined") return;
  var data = JSON.parse(source.textContent);
  figure.hidden = false;
  var map = L.map(element, { worldCopyJump: true, keyboard: true }).setView([20, 0], 2);
  fetch(element.dataset.land)
    .then(function (response) { return response.json(); })
    .then(function (land) {
      L.geoJSON(land, { style: { color: "#8a7f70", weight: 1, fillColor: "#efe9df", fillOpacity: 1 }, interactive: false }).addTo(map);
      markers.bringToFront();
    })
    .catch(function () { /* the markers and the table are enough */ });
  var markers = L.geoJSON(data, {
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { radius: 8, color: "#5e1d07", weight: 2, fillColor: "#8a2c0d", fillOpacity: 0.85 });
    },
    onEachFeature: function (feature, layer) {
      var p = feature.properties;
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.title;
      var box = document.createElement("div");
      box.appendChild(link);
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(p.sector + " · " + p.country_name + " · " + p.stage_label));
      layer.bindPopup(box);
      layer.bindTooltip(p.title);
    },
  }).addTo(map);
  if (data.features.length) map.fitBounds(markers.getBounds(), { padding: [30, 30], maxZoom: 5 });
  var toggle = document.getElementById("map-tiles");
  var tiles = null;
  if (toggle && element.dataset.tiles) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) {
        tiles = L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 12 }).addTo(map);
        tiles.bringToBack();
      } else if (tiles) {
        map.removeLayer(tiles);
        tiles = null;
      }
    });
  }
})();
