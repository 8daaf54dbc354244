#!/usr/bin/env python3
"""Builds the coarse wind climatology shipped in data/winds/ (Caribbean and North Atlantic, January and July).

NOT reanalysis data: no network was available to fetch NCEP/NCAR or ERA5 monthly means, so the field is a
parametric model of the upper-tropospheric westerlies whose few parameters come from published climatology:

  * Subtropical jet (STJ) near 30 deg latitude, strongest in winter (Penn State METEO 3, "The Subtropical Jet
    Stream", https://www.e-education.psu.edu/meteo3/l11_p6.html).
  * STJ core most frequently between 35,000 and 40,000 ft; in winter found between 20 and 50 deg; in Northern
    Hemisphere summer it "weakens considerably" (US Navy Aerographer's Mate training text,
    http://www.tpub.com/weather2/8-29.htm).
  * STJ core speed averages 70 m/s in winter but 30 m/s in summer (measured over Australia; quoted at
    https://www.briangwilliams.us/climates-weather/subtropical-jet-streams.html). The Atlantic STJ is weaker than
    the Australian/Asian one; the January core speed below (45 m/s) is an assumption inside that published range,
    and July is scaled by the published summer/winter ratio 30/70.

Model (zonal wind only, v = 0):  u(lat, FL) = U * exp(-((lat - lat0) / width)^2) * exp(-((FL - FL0) / depth)^2)
with the parameters of MONTHS below. Rows are rounded to 0.1 kt. Re-run to regenerate:
    python3 data/winds/make_climatology.py
"""
import math
import os

KT_PER_MS = 3600 / 1852
MONTHS = {
    # name: (core speed m/s, core latitude deg N, half-width deg, core flight level, vertical half-depth in FL)
    "january": (45.0, 30.0, 10.0, 390.0, 120.0),
    "july": (45.0 * 30.0 / 70.0, 42.0, 10.0, 390.0, 120.0),
}
LATS = range(0, 65, 5)          # 0..60 N
LONS = range(-100, 20, 10)      # 100 W .. 10 E
LEVELS = (250, 300, 350, 390, 450)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for name, (u0, lat0, width, fl0, depth) in MONTHS.items():
        path = os.path.join(here, f"caribbean-north-atlantic-{name}.csv")
        with open(path, "w", newline="\n") as f:
            f.write(f"# Coarse CLIMATOLOGY, not observed or reanalysed winds: Caribbean and North Atlantic, {name}.\n")
            f.write(f"# Built by data/winds/make_climatology.py: zonal jet u = {u0:.2f} m/s * exp(-((lat-{lat0})/{width})^2)"
                    f" * exp(-((FL-{fl0:.0f})/{depth:.0f})^2), v = 0 (sources in the script).\n")
            f.write("lat,lon,fl,u_kt,v_kt\n")
            for lat in LATS:
                for lon in LONS:
                    for fl in LEVELS:
                        u = u0 * KT_PER_MS * math.exp(-((lat - lat0) / width) ** 2) * math.exp(-((fl - fl0) / depth) ** 2)
                        f.write(f"{lat},{lon},{fl},{u:.1f},0.0\n")


if __name__ == "__main__":
    main()
