namespace Enclave.Server.Spheres.Pages;

/// <summary>Strings of the sphere pages; French in Text.fr.resx.</summary>
public sealed class Text;
