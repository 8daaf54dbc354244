# High-precision inverse geodesic on WGS84 for the exact double inputs: Karney's exact integrals on the auxiliary
# sphere (J. Geodesy 2013, eqs. 7-8 before expansion) evaluated by mpmath quadrature at 40 digits, solved by 2-D
# Newton on (alpha1, sigma12) started from a double answer. Usage: ref.py lines.txt start.txt > out
import sys
from mpmath.calculus.quadrature import GaussLegendre
from mpmath import mp, ceil, mpf, sin, cos, atan2, sqrt, pi, nint, fabs, hypot, atan, tan, degrees, radians
mp.dps = 40
NODES = GaussLegendre(mp).calc_nodes(4, mp.prec)  # 24-point Gauss-Legendre on [-1, 1]
def quad(fn, iv):
    # composite 24-point Gauss-Legendre, pieces of at most 0.25 rad: error far below 1e-40 for these analytic integrands
    lo, hi = iv; m = max(1, int(ceil(fabs(hi - lo)/mpf(0.25)))); h = (hi - lo)/m; tot = mpf(0)
    for j in range(m):
        c = lo + (j + mpf(0.5))*h
        tot += sum(w*fn(c + x*h/2) for x, w in NODES)*h/2
    return tot
a = mpf(6378137.0); f = mpf(1/298.257223563); f1 = 1 - f; e2 = f*(2-f); ep2 = e2/(f1*f1); b = a*f1
def beta(phi):
    # tan beta = (1-f) tan phi, exact for the double input phi (degrees)
    p = radians(mpf(phi))
    return atan2(f1*sin(p), cos(p))
def evaluate(b1, b2, alp1, sig12):
    sb1, cb1 = sin(b1), cos(b1)
    sa0 = sin(alp1)*cb1; ca0 = sqrt(cos(alp1)**2 + (sin(alp1)*sb1)**2)
    s1 = atan2(sb1, cos(alp1)*cb1); s2 = s1 + sig12
    k2 = ep2*ca0*ca0
    sbet2 = ca0*sin(s2)
    w1 = atan2(sa0*sin(s1), cos(s1)); w2 = atan2(sa0*sin(s2), cos(s2))
    sg = 1 if sa0 >= 0 else -1
    w12 = w2 - w1; w12 += 2*pi*nint((sg*sig12 - w12)/(2*pi))
    I3 = quad(lambda s: (2-f)/(1 + f1*sqrt(1 + k2*sin(s)**2)), [s1, s2])
    lam12 = w12 - f*sa0*I3
    return sbet2, lam12, s1, s2, sa0, ca0, k2
def solve(lat1, lon1, lat2, lon2, azi1d, azi2d, s12d):
    b1, b2 = beta(lat1), beta(lat2)
    dlon = radians(mpf(lon2) - mpf(lon1))
    if lat1 == 0 and lat2 == 0 and fabs(dlon) < 1:  # along the equator
        s12 = a*fabs(dlon); az = 90 if dlon > 0 else -90
        return mpf(az), mpf(az), s12
    alp1 = radians(mpf(azi1d)); alp2 = radians(mpf(azi2d))
    s1 = atan2(sin(b1), cos(alp1)*cos(b1)); s2 = atan2(sin(b2), cos(alp2)*cos(b2))
    sig12 = s2 - s1; sig12 -= 2*pi*nint(sig12/(2*pi) - mpf(0.5))  # in [0, 2 pi)
    alt = mpf(s12d)/b  # the start's own sigma12 is useless where the start is at the vertex (azimuths 90, 90)
    if fabs(sig12 - alt) > alt/100: sig12 = alt
    def F(al, sg):
        sbet2, lam12, *_ = evaluate(b1, b2, al, sg)
        r = lam12 - dlon; r -= 2*pi*nint(r/(2*pi))
        return sbet2 - sin(b2), r
    for it in range(30):
        f1v, f2v = F(alp1, sig12)
        ha = mpf(10)**-20; hs = sig12*mpf(10)**-20
        fa1, fa2 = F(alp1 + ha, sig12); fs1, fs2 = F(alp1, sig12 + hs)
        j11, j21 = (fa1-f1v)/ha, (fa2-f2v)/ha; j12, j22 = (fs1-f1v)/hs, (fs2-f2v)/hs
        det = j11*j22 - j12*j21
        if det == 0:  # a start exactly at the vertex of the line: the parametrisation is singular there
            alp1 += mpf(10)**-12; continue
        da = -( j22*f1v - j12*f2v)/det; ds = -(-j21*f1v + j11*f2v)/det
        alp1 += da; sig12 += ds
        if fabs(da) < mpf(10)**-32 and fabs(ds) < sig12*mpf(10)**-30: break
    sbet2, lam12, s1, s2, sa0, ca0, k2 = evaluate(b1, b2, alp1, sig12)
    s12 = b*quad(lambda s: sqrt(1 + k2*sin(s)**2), [s1, s2])
    az2 = atan2(sa0, ca0*cos(s2))
    return degrees(alp1), degrees(az2), s12
ins = [l.split() for l in open(sys.argv[1]) if l.strip()]
st = [l.split() for l in open(sys.argv[2]) if l.strip()]
lo = int(sys.argv[3]) if len(sys.argv) > 3 else 0; hi = int(sys.argv[4]) if len(sys.argv) > 4 else len(ins)
for i in range(lo, hi):
    x, s = ins[i], st[i]
    lat1, lon1, lat2, lon2 = (float(t) for t in x)
    try:
        az1, az2, s12 = solve(lat1, lon1, lat2, lon2, float(s[0]), float(s[1]), float(s[2]))
    except Exception as ex:
        print("nan nan nan", flush=True); print(i + 1, ex, file=sys.stderr); continue
    az1 = (az1 + 180) % 360 - 180; az2 = (az2 + 180) % 360 - 180
    print(mp.nstr(az1, 25, min_fixed=-5, max_fixed=5), mp.nstr(az2, 25, min_fixed=-5, max_fixed=5), mp.nstr(s12, 25, min_fixed=-5, max_fixed=9), flush=True)
