using System.Globalization;
using System.Runtime.InteropServices;

namespace Enclave.Bench.Load;

public static class Machine
{
    public static MachineInfo Describe()
    {
        var memKiB = File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault();
        var load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;
        return new MachineInfo(Environment.ProcessorCount, Math.Round(memKiB / 1024 / 1024, 1), os, RuntimeInformation.FrameworkDescription, load);
    }
}
