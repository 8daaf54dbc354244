// Times GeographicLib's Geodesic::WGS84().Inverse(lat1, lon1, lat2, lon2, s12, azi1, azi2) on random global pairs,
// as the peer of AirspaceSim's GeodesicBenchmarks. Prints the median and mean nanoseconds per call over repeated
// batches (each batch walks all pairs once), plus a checksum so the work cannot be optimised away.
#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

int main(int argc, char** argv) {
  const std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000000;
  const int batches = argc > 2 ? std::atoi(argv[2]) : 15;
  std::mt19937_64 rng(20240602);
  std::uniform_real_distribution<double> u(-1.0, 1.0), lon(-180.0, 180.0);
  std::vector<double> lat1(count), lon1(count), lat2(count), lon2(count);
  for (std::size_t i = 0; i < count; ++i) {
    // Uniform on the sphere: latitude = asin(uniform(-1, 1)).
    lat1[i] = std::asin(u(rng)) * 180 / M_PI; lon1[i] = lon(rng);
    lat2[i] = std::asin(u(rng)) * 180 / M_PI; lon2[i] = lon(rng);
  }
  const GeographicLib::Geodesic& g = GeographicLib::Geodesic::WGS84();
  double checksum = 0;
  std::vector<double> perCall;
  for (int b = 0; b < batches + 1; ++b) {
    auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < count; ++i) {
      double s12, azi1, azi2;
      g.Inverse(lat1[i], lon1[i], lat2[i], lon2[i], s12, azi1, azi2);
      checksum += s12 + azi1 + azi2;
    }
    auto t1 = std::chrono::steady_clock::now();
    if (b == 0) continue; // warm-up
    perCall.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / count);
  }
  std::vector<double> sorted = perCall;
  std::sort(sorted.begin(), sorted.end());
  double mean = 0;
  for (double v : perCall) mean += v;
  mean /= perCall.size();
  std::printf("GeographicLib %s Geodesic::WGS84().Inverse (s12, azi1, azi2): %zu random pairs x %d batches\n",
              GEOGRAPHICLIB_VERSION_STRING, count, batches);
  std::printf("median %.1f ns/call, mean %.1f ns/call, min %.1f ns/call (checksum %.6e)\n",
              sorted[sorted.size() / 2], mean, sorted.front(), checksum);
  return 0;
}
