#!/usr/bin/env python3
"""Explains old/new differences of route outputs with a wind grid (windgrid-coverage-compare.sh): for every windGrid
figure that differs, the distance outside by an independent brute force (100,000 slerp points per leg, Vincenty WGS84
leg lengths) and which build agrees with it; table lines that differ are printed; any other difference is flagged."""
import json, math, os, sys, difflib

N = 100_000
GRIDS = {  # lat0, lat1, lon0, lon1 (None: periodic)
    'caribbean-north-atlantic': (0, 60, -100, 10),
    'eurasia': (-10, 80, None, None),
}

def vincenty(p, q):
    a = 6378137.0; f = 1 / 298.257223563; b = a * (1 - f)
    (la1, lo1), (la2, lo2) = p, q
    L = math.radians(lo2 - lo1)
    U1 = math.atan((1 - f) * math.tan(math.radians(la1))); U2 = math.atan((1 - f) * math.tan(math.radians(la2)))
    sU1, cU1, sU2, cU2 = math.sin(U1), math.cos(U1), math.sin(U2), math.cos(U2)
    lam = L
    for _ in range(1000):
        sl, cl = math.sin(lam), math.cos(lam)
        ss = math.hypot(cU2 * sl, cU1 * sU2 - sU1 * cU2 * cl)
        if ss == 0: return 0.0
        cs = sU1 * sU2 + cU1 * cU2 * cl
        sig = math.atan2(ss, cs)
        sa = cU1 * cU2 * sl / ss
        c2a = 1 - sa * sa
        c2sm = cs - 2 * sU1 * sU2 / c2a if c2a != 0 else 0
        C = f / 16 * c2a * (4 + f * (4 - 3 * c2a))
        lp = lam
        lam = L + (1 - C) * f * sa * (sig + C * ss * (c2sm + C * cs * (-1 + 2 * c2sm * c2sm)))
        if abs(lam - lp) < 1e-13: break
    u2 = c2a * (a * a - b * b) / (b * b)
    A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
    B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
    ds = B * ss * (c2sm + B / 4 * (cs * (-1 + 2 * c2sm * c2sm) - B / 6 * c2sm * (-3 + 4 * ss * ss) * (-3 + 4 * c2sm * c2sm)))
    return b * A * (sig - ds) / 1000

def unit(p):
    la, lo = map(math.radians, p)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))

def brute(route, grid):
    lat0, lat1, lon0, lon1 = grid
    km = tol = 0.0
    for p, q in zip(route, route[1:]):
        leg = vincenty(p, q)
        a, b = unit(p), unit(q)
        th = math.acos(max(-1, min(1, sum(x * y for x, y in zip(a, b)))))
        s = math.sin(th)
        out = seen = 0; last = None
        for k in range(N):
            t = (k + 0.5) / N
            wa, wb = math.sin((1 - t) * th) / s, math.sin(t * th) / s
            x, y, z = (wa * a[i] + wb * b[i] for i in range(3))
            lat = math.degrees(math.atan2(z, math.hypot(x, y))); lon = math.degrees(math.atan2(y, x))
            inside = lat0 <= lat <= lat1 and (lon0 is None or lon0 <= lon <= lon1)
            if not inside: out += 1
            if last is not None and last != inside: seen += 1
            last = inside
        km += leg * out / N; tol += (seen + 1) * leg / N
    return km, tol

def load(path):
    text = open(path).read()
    body, rc = text.rsplit('rc ', 1)
    try: return json.loads(body)
    except Exception: return None

def figures(d):
    """(label, route waypoints, windGrid) for the performance and realistic objects."""
    out = []
    if d is None: return out
    p = d.get('performance')
    if p and 'windGrid' in p:
        out.append(('performance', d['waypoints'], p['windGrid'], p.get('assumptions', [])))
    r = d.get('realistic')
    if r and 'windGrid' in r:
        out.append(('realistic', r['waypoints'], r['windGrid'], r.get('assumptions', [])))
    return out

old_dir, new_dir = sys.argv[1], sys.argv[2]
same = diff = 0
for name in sorted(os.listdir(old_dir)):
    o, n = open(os.path.join(old_dir, name)).read(), open(os.path.join(new_dir, name)).read()
    if o == n: same += 1; continue
    diff += 1
    grid = GRIDS['eurasia' if 'eurasia' in name else 'caribbean-north-atlantic']
    if name.endswith('.txt'):
        lines = [l for l in difflib.unified_diff(o.splitlines(), n.splitlines(), lineterm='', n=0) if l[:1] in '+-' and l[:3] not in ('+++', '---')]
        print(f'{name}: table lines differ:'); [print('   ', l) for l in lines]
        continue
    od, nd = load(os.path.join(old_dir, name)), load(os.path.join(new_dir, name))
    # Everything but windGrid and the grid notes must be the same.
    def strip(d):
        d = json.loads(json.dumps(d))
        for k in ('performance', 'realistic'):
            if d.get(k) and 'windGrid' in d[k]:
                del d[k]['windGrid']
                d[k]['assumptions'] = [a for a in d[k].get('assumptions', []) if 'wind grid' not in a]
        return d
    other = strip(od) != strip(nd)
    print(f'{name}:' + (' OTHER FIELDS DIFFER' if other else ''))
    for (label, wps, og, oa), (_, _, ng, na) in zip(figures(od), figures(nd)):
        for route, key in ((wps, 'flown'), ([wps[0], wps[-1]], 'direct')):
            ok, nk = og[key + 'OutsideKm'], ng[key + 'OutsideKm']
            if ok == nk and og[key + 'OutsideFraction'] == ng[key + 'OutsideFraction']: continue
            bk, tol = brute(route, grid)
            verdict = 'new agrees' if abs(nk - bk) <= tol + 0.05 else 'NEW DISAGREES'
            print(f'   {label} {key}: old {ok} km, new {nk} km, brute force {bk:.3f} ± {tol:.3f} km (+0.05 rounding): {verdict}; old off by {ok - bk:+.1f} km')
        if oa != na:
            for a, b in zip(oa, na):
                if a != b: print(f'   {label} note: old "{a[:60]}..." / new "{b[:60]}..."')
print(f'{same} same, {diff} different')
