// Natural Earth land outlines (world-atlas, public domain) as GeoJSON: the opportunity
// map's offline basemap, so no tile server is needed.
const fs = require("fs");
const topojson = require("topojson-client");
const world = require("../node_modules/world-atlas/land-110m.json");
fs.mkdirSync("static/vendor/world-atlas", { recursive: true });
fs.writeFileSync(
  "static/vendor/world-atlas/land-110m.geojson",
  JSON.stringify(topojson.feature(world, world.objects.land)),
);
fs.copyFileSync("node_modules/world-atlas/LICENSE", "static/vendor/world-atlas/LICENSE");
