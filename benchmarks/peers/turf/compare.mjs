// Peer comparison: Turf.js @turf/shortest-path (grid A* in planar lon/lat) against AirspaceSim's exact
// detours around a closed SVZM, on the 52 cases of ../shared/reference/routes/svzm-cases.csv.
//
// Run by run.sh from a temporary folder that holds node_modules (the peer is never committed):
//   node compare.mjs --cases svzm-cases.csv --airspace SVZM.geojson --exact exact.json
//                    [--resolutions 100,25] [--with-2.5km] [--repeat N] [--out per-case.csv]
//
// Lengths: both paths are measured the same way, as the sum of WGS84 geodesic lengths between consecutive
// points (geographiclib-geodesic, the official JS port of GeographicLib). AirspaceSim's exact length is
// re-measured from its waypoints so the comparison does not depend on how the CLI measured routeKm.
// Without geographiclib-geodesic both are measured on the sphere with @turf/length (said in the output).
import { readFileSync, writeFileSync } from "node:fs";

const { shortestPath } = await import("@turf/shortest-path");
const { featureCollection, point, lineString } = await import("@turf/helpers");

// ---------- arguments ----------
function parseArgs(argv) {
  const a = { resolutions: [100, 25], with25: false, repeat: 1, out: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    switch (k) {
      case "--cases": a.cases = next(); break;
      case "--airspace": a.airspace = next(); break;
      case "--exact": a.exact = next(); break;
      case "--resolutions": a.resolutions = next().split(",").map(Number); break;
      case "--with-2.5km": a.with25 = true; break;
      case "--repeat": a.repeat = Number(next()); break;
      case "--out": a.out = next(); break;
      default: throw new Error(`unknown argument ${k}`);
    }
  }
  for (const k of ["cases", "airspace", "exact"]) if (!a[k]) throw new Error(`--${k} is required`);
  if (a.resolutions.some((r) => !(r > 0))) throw new Error("--resolutions: positive numbers in km, comma-separated");
  if (a.with25 && !a.resolutions.includes(2.5)) a.resolutions.push(2.5);
  if (!(Number.isInteger(a.repeat) && a.repeat >= 1)) throw new Error("--repeat: an integer >= 1");
  return a;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`compare.mjs: ${e.message}`);
  process.exit(2);
}

// ---------- length measure: WGS84 geodesics, or the sphere as a fallback ----------
let measure, measureName;
try {
  const g = await import("geographiclib-geodesic");
  const geod = (g.default ?? g).Geodesic.WGS84;
  const mask = (g.default ?? g).Geodesic.DISTANCE;
  // coords are [lon, lat] (GeoJSON order)
  measure = (coords) => {
    let m = 0;
    for (let i = 1; i < coords.length; i++)
      m += geod.Inverse(coords[i - 1][1], coords[i - 1][0], coords[i][1], coords[i][0], mask).s12;
    return m / 1000;
  };
  measureName = "WGS84 geodesics (geographiclib-geodesic)";
} catch {
  const { length } = await import("@turf/length");
  measure = (coords) => (coords.length < 2 ? 0 : length(lineString(coords), { units: "kilometers" }));
  measureName = "SPHERE (fallback: geographiclib-geodesic not available; @turf/length, R = 6371.0088 km)";
}

// ---------- inputs ----------
function readCases(path) {
  const lines = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const head = lines[0].split(",").map((s) => s.trim());
  const col = (n) => {
    const i = head.indexOf(n);
    if (i < 0) throw new Error(`${path}: no column ${n}`);
    return i;
  };
  const c = Object.fromEntries(
    ["case_id", "from_iata", "to_iata", "from_lat", "from_lon", "to_lat", "to_lon", "category"].map((n) => [n, col(n)]));
  return lines.slice(1).map((l) => {
    const f = l.split(",");
    return {
      id: f[c.case_id], from: f[c.from_iata], to: f[c.to_iata], category: f[c.category],
      start: [Number(f[c.from_lon]), Number(f[c.from_lat])], end: [Number(f[c.to_lon]), Number(f[c.to_lat])],
    };
  });
}

const cases = readCases(args.cases);
const gj = JSON.parse(readFileSync(args.airspace, "utf8"));
const svzm = gj.type === "FeatureCollection"
  ? gj.features.find((f) => (f.properties?.id ?? "").toUpperCase() === "SVZM") ?? gj.features[0]
  : gj;
if (svzm?.geometry?.type !== "Polygon") throw new Error(`${args.airspace}: expected a Polygon feature for SVZM`);
const exact = JSON.parse(readFileSync(args.exact, "utf8")).results;
if (exact.length !== cases.length) throw new Error(`exact answers: ${exact.length} rows for ${cases.length} cases`);

// the exact answer of each case, re-measured with the same measure as Turf's path
let maxRouteKmDiff = 0;
for (let i = 0; i < cases.length; i++) {
  const r = exact[i], k = cases[i];
  if (Math.abs(r.from.lat - k.start[1]) > 1e-6 || Math.abs(r.to.lon - k.end[0]) > 1e-6)
    throw new Error(`exact answers: row ${i + 1} is not case ${k.id}`);
  k.status = r.status;
  k.cliRouteKm = r.routeKm;
  if (r.status === "unreachable" || r.routeKm == null) { k.exactKm = null; continue; }
  k.exactKm = measure(r.waypoints.map(([lat, lon]) => [lon, lat]));
  maxRouteKmDiff = Math.max(maxRouteKmDiff, Math.abs(k.exactKm - r.routeKm) / r.routeKm * 100);
}

// ---------- planar check: does a path (lon/lat segments) enter the SVZM polygon? ----------
const rings = svzm.geometry.coordinates;
function insidePlanar([x, y]) {
  let inside = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}
const orient = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
function crossesEdge(p, q) {
  for (const ring of rings)
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1], b = ring[i];
      const o1 = orient(p, q, a), o2 = orient(p, q, b), o3 = orient(a, b, p), o4 = orient(a, b, q);
      if (o1 * o2 < 0 && o3 * o4 < 0) return true;
    }
  return false;
}
/** km of the path (planar lon/lat segments) that run inside SVZM, estimated by sampling every segment. */
function kmInside(coords) {
  let km = 0;
  for (let i = 1; i < coords.length; i++) {
    const p = coords[i - 1], q = coords[i];
    if (!insidePlanar(p) && !insidePlanar(q) && !crossesEdge(p, q)) continue;
    const n = 64, segKm = measure([p, q]);
    let hits = 0;
    for (let s = 0; s < n; s++) {
      const t = (s + 0.5) / n;
      if (insidePlanar([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])) hits++;
    }
    km += (segKm * hits) / n;
  }
  return km;
}

// ---------- the runs ----------
const obstacles = () => featureCollection([svzm]);
function runTurf(k, resolution) {
  return shortestPath(point(k.start), point(k.end), { obstacles: obstacles(), resolution, units: "kilometers" });
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const worstBy = (xs, f) => xs.reduce((w, x) => (w == null || f(x) > f(w) ? x : w), null);

const rows = [];
const summary = [];
for (const res of args.resolutions) {
  const t0 = Date.now();
  runTurf(cases[0], res); // warm-up
  const perRes = [];
  for (const k of cases) {
    const times = [];
    let path;
    for (let r = 0; r < args.repeat; r++) {
      const a = process.hrtime.bigint();
      path = runTurf(k, res);
      times.push(Number(process.hrtime.bigint() - a) / 1e6);
    }
    const coords = path.geometry.coordinates;
    const turfKm = measure(coords);
    const row = {
      k, res, ms: median(times), turfKm, points: coords.length, insideKm: kmInside(coords),
      straight: coords.length === 2,
      errPct: k.exactKm == null ? null : (100 * (turfKm - k.exactKm)) / k.exactKm,
    };
    perRes.push(row);
    rows.push(row);
    if (Date.now() - t0 > 30000 && perRes.length % 4 === 0)
      process.stderr.write(`turf: ${res} km: ${perRes.length}/${cases.length} cases, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  const reach = perRes.filter((r) => r.errPct != null);
  const detours = reach.filter((r) => r.k.status === "detour");
  const unreachable = perRes.filter((r) => r.errPct == null);
  summary.push({
    res, perRes, reach, detours, unreachable,
    medMs: median(perRes.map((r) => r.ms)), worstMs: worstBy(perRes, (r) => r.ms),
    meanMs: perRes.reduce((s, r) => s + r.ms, 0) / perRes.length,
    medErr: median(reach.map((r) => r.errPct)), worstErr: worstBy(reach, (r) => r.errPct),
    bestErr: reach.reduce((m, r) => Math.min(m, r.errPct), Infinity),
    medErrDetour: median(detours.map((r) => r.errPct)), worstErrDetour: worstBy(detours, (r) => r.errPct),
    cutting: reach.filter((r) => r.insideKm > 0),
    wallMs: Date.now() - t0,
  });
  process.stderr.write(`turf: ${res} km done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

// ---------- report ----------
const f1 = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pct = (x) => `${x >= 0 ? "+" : ""}${x.toFixed(1)} %`;
const ver = (p) => {
  try { return JSON.parse(readFileSync(new URL(`./node_modules/${p}/package.json`, import.meta.url))).version; }
  catch { return "not installed"; }
};
const nReach = summary[0].reach.length, nDet = summary[0].detours.length, nUnr = summary[0].unreachable.length;
console.log(`# Turf.js shortestPath vs AirspaceSim exact detours, SVZM closed, ${cases.length} cases\n`);
console.log(`Turf @turf/shortest-path ${ver("@turf/shortest-path")}, @turf/helpers ${ver("@turf/helpers")}, ` +
  `geographiclib-geodesic ${ver("geographiclib-geodesic")}; node ${process.version}; ` +
  `${args.repeat} timed call(s) per case (median), 1 warm-up call per resolution.`);
console.log(`Lengths: ${measureName}, for Turf's path and AirspaceSim's waypoints alike. ` +
  `AirspaceSim: ${nReach - nDet} direct + ${nDet} detour reachable cases, ${nUnr} unreachable (end inside SVZM, left out of the errors). ` +
  `Re-measured exact lengths differ from the CLI's routeKm by at most ${maxRouteKmDiff.toFixed(3)} %.\n`);
console.log("| Turf resolution | median time/route | worst time/route | mean time/route (all 52) | median error vs exact detour | worst error vs exact detour | median / worst error, all reachable | reachable paths cutting SVZM |");
console.log("|---|---|---|---|---|---|---|---|");
for (const s of summary) {
  console.log(`| ${s.res} km | ${f1(s.medMs)} ms | ${f1(s.worstMs.ms)} ms (${s.worstMs.k.id}) | ${f1(s.meanMs)} ms | ` +
    `${pct(s.medErrDetour)} | ${pct(s.worstErrDetour.errPct)} (${s.worstErrDetour.k.id}) | ${pct(s.medErr)} / ${pct(s.worstErr.errPct)} (${s.worstErr.k.id}) | ` +
    `${s.cutting.length} of ${s.reach.length}${s.cutting.length ? ` (max ${f1(Math.max(...s.cutting.map((r) => r.insideKm)))} km inside)` : ""} |`);
}
console.log(`\nTimes: all ${cases.length} cases. Error = 100·(Turf − exact)/exact: "vs exact detour" over the ${nDet} cases AirspaceSim detours; ` +
  `"all reachable" adds the ${nReach - nDet} direct ones (Turf grids those too), best ` +
  summary.map((s) => `${pct(s.bestErr)} at ${s.res} km`).join(", ") + ".");
console.log(`"Cutting SVZM": segments of Turf's path (planar lon/lat, as Turf sees them) that run through the polygon; Turf only tests grid-cell centres.`);
console.log(`\nUnreachable in AirspaceSim (an end inside SVZM); Turf returns a path anyway:`);
for (const s of summary)
  for (const r of s.unreachable)
    console.log(`- ${r.res} km, ${r.k.id} ${r.k.from}–${r.k.to}: ${r.straight ? "straight line start–end (no grid path)" : `${r.points}-point path`}, ` +
      `${r.turfKm.toFixed(0)} km, of which ~${r.insideKm.toFixed(0)} km inside SVZM (its last leg jumps from the nearest free cell to the airport)`);

if (args.out) {
  const head = "case_id,from,to,category,airspacesim_status,exact_km,cli_route_km,resolution_km,turf_ms,turf_km,error_pct,turf_points,turf_km_inside_svzm";
  const lines = rows.map((r) => [r.k.id, r.k.from, r.k.to, r.k.category, r.k.status,
    r.k.exactKm?.toFixed(3) ?? "", r.k.cliRouteKm?.toFixed(3) ?? "", r.res, r.ms.toFixed(3), r.turfKm.toFixed(3),
    r.errPct?.toFixed(3) ?? "", r.points, r.insideKm.toFixed(1)].join(","));
  writeFileSync(args.out, [head, ...lines].join("\n") + "\n");
  console.log(`\nPer-case CSV: ${args.out}`);
}
