using AirspaceSim.Cli;

return CliApp.Run(args, new CliIO(Console.In, Console.Out, Console.Error));
