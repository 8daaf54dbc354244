// Appended by tests/consumer/run.sh to the example of src/AirspaceSim/PACKAGE.md (which defines plan and cost): the
// consumer's checks through the public API only. Properties, not the engine's own numbers: AMS-CUR's great circle
// crosses SVZM, so the plan is a detour that is longer than the direct route but not absurdly so, and flying further
// burns more fuel and costs more.
var failures = new List<string>();
if (plan.Status != RouteStatus.Detour) failures.Add($"status {plan.Status}, expected Detour");
if (!plan.Crossed.Contains("SVZM")) failures.Add($"crossed [{string.Join(",", plan.Crossed)}], expected SVZM");
if (!(plan.ExtraKm > 0 && plan.ExtraKm < 0.05 * plan.DirectKm)) failures.Add($"extra km {plan.ExtraKm}, expected in (0, 5 % of {plan.DirectKm})");
if (!(plan.DirectKm > 7700 && plan.DirectKm < 8000)) failures.Add($"direct {plan.DirectKm} km, expected AMS-CUR about 7,840 km");
if (!(cost.ExtraFuelKg > 0 && cost.ExtraFuelKg < 30 * plan.ExtraKm!.Value)) failures.Add($"extra fuel {cost.ExtraFuelKg} kg for {plan.ExtraKm} km");
if (!(cost.ExtraCostUsd > 0)) failures.Add($"extra cost {cost.ExtraCostUsd} USD");
foreach (var f in failures) Console.Error.WriteLine($"consumer check failed: {f}");
return failures.Count == 0 ? 0 : 1;
