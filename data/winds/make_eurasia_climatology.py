#!/usr/bin/env python3
"""Builds the coarse Eurasia / Middle East / South Asia wind climatology shipped in data/winds/ (January and July).

CLIMATOLOGY, NOT REANALYSIS: no gridded monthly means could be fetched, so, like make_climatology.py, this is a
parametric model of the upper-tropospheric jets whose few parameters are published figures (each cited below).
Zonal wind only (v = 0), on a global grid (latitude -10..80 N every 5 deg, longitude -180..180 every 10 deg,
FL 250-450), so that routes over the Arctic, Russia, Central Asia, the Middle East and South Asia all read it.

Subtropical westerly jet (STJ), all longitudes:
  u = U * exp(-((lat - lat0) / 10)^2) * exp(-((FL - 390) / 120)^2)
  * core flight level 390 and vertical half-depth 120 FL as make_climatology.py (core most frequently between
    35,000 and 40,000 ft: US Navy Aerographer's Mate, http://www.tpub.com/weather2/8-29.htm);
  * January: U = 70 m/s, the published winter mean core speed (measured over Australia; quoted at
    https://www.briangwilliams.us/climates-weather/subtropical-jet-streams.html), core at 30 N (Penn State METEO 3,
    https://www.e-education.psu.edu/meteo3/l11_p6.html; over India the winter jet lies at about 27-30 N, south of
    the Himalayas, NCERT Class XI "India Physical Environment" ch. 4 as quoted at
    https://examrobot.com/content/during-indian-monsoon-season and http://brainly.in/question/57896);
  * July: U = 30 m/s, the published summer mean core speed (same source), core at 42 N, as make_climatology.py
    (in summer the jet moves north of the Himalayas and the Tibetan plateau, same NCERT source).
  The 70 m/s is an Australian/East Asian figure; as a zonal mean at every longitude it overstates the jet over
  Europe and the Middle East, and the polar-front jet of higher latitudes is not modelled at all (u ~ 0 north of
  about 50 N in January).

Tropical easterly jet (TEJ), July only, added to the STJ:
  u = -40 m/s * exp(-((lat - 15) / 5)^2) * exp(-((FL - 490) / 120)^2) * w(lon)
  * "centred on 15 N, 50-80 E and extends from South-East Asia to Africa", strongest "at about 15 km" (FL 490)
    "with wind speeds of up to 40 m/s" (Tropical Easterly Jet, https://wikimili.com/en/Tropical_Easterly_Jet;
    core near 15 N: Koteswaram 1958, Tellus 10, https://doi.org/10.1111/j.2153-3490.1958.tb01984.x), from late
    June to early September;
  * 40 m/s is the published peak, so the field overstates the mean TEJ; w(lon) = 1 on 50-80 E, falling linearly
    to 0 at 20 E (Africa) and 110 E (South-East Asia), and the 5 deg latitude half-width are the project's
    choices, not published figures.

Rows are rounded to 0.1 kt. Re-run to regenerate:  python3 data/winds/make_eurasia_climatology.py
"""
import math
import os

KT_PER_MS = 3600 / 1852
MONTHS = {
    # name: (STJ core speed m/s, STJ core latitude deg N, TEJ on)
    "january": (70.0, 30.0, False),
    "july": (30.0, 42.0, True),
}
LATS = range(-10, 85, 5)
LONS = range(-180, 190, 10)
LEVELS = (250, 300, 350, 390, 450)


def tej_weight(lon):
    if 50 <= lon <= 80:
        return 1.0
    if 20 < lon < 50:
        return (lon - 20) / 30
    if 80 < lon < 110:
        return (110 - lon) / 30
    return 0.0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for name, (u0, lat0, tej) in MONTHS.items():
        path = os.path.join(here, f"eurasia-{name}.csv")
        with open(path, "w", newline="\n") as f:
            f.write(f"# Coarse CLIMATOLOGY, not observed or reanalysed winds: Europe, Russia, Central, South and East Asia, Middle East, {name}.\n")
            f.write(f"# Built by data/winds/make_eurasia_climatology.py: subtropical jet u = {u0:.1f} m/s * exp(-((lat-{lat0})/10)^2)"
                    f" * exp(-((FL-390)/120)^2)" + (", plus a tropical easterly jet -40 m/s at 15 N, FL 490, 50-80 E" if tej else "")
                    + ", v = 0 (sources and the project's choices in the script).\n")
            f.write("lat,lon,fl,u_kt,v_kt\n")
            for lat in LATS:
                for lon in LONS:
                    for fl in LEVELS:
                        u = u0 * math.exp(-((lat - lat0) / 10) ** 2) * math.exp(-((fl - 390) / 120) ** 2)
                        if tej:
                            u += -40.0 * math.exp(-((lat - 15) / 5) ** 2) * math.exp(-((fl - 490) / 120) ** 2) * tej_weight(lon)
                        u *= KT_PER_MS
                        if abs(u) < 0.05:
                            u = 0.0
                        f.write(f"{lat},{lon},{fl},{u:.1f},0.0\n")


if __name__ == "__main__":
    main()
