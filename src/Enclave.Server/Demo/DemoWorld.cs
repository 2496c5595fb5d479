using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Server.Demo;

public sealed record DemoPerson(string UserName, string FirstName, string LastName, string Language, string Bio, string Status, string Part);

public sealed record DemoOrganization(string Key, string Name, string Description, string Creator, string? Parent = null, string? Charter = null);

public sealed record DemoMember(string Organization, string Person, OrganizationRole Role);

/// <param name="Roles">Who holds which role besides the creator (its administrator), e.g. <c>("ines.moreau", SphereRole.Publisher)</c>.</param>
public sealed record DemoSphere(string Key, string Organization, SphereType Type, string Name, string Description, string Creator,
    (string Person, SphereRole Role)[] Roles, bool ListedInPortal = false, bool MembersCanInvite = false);

public sealed record DemoGroup(string Sphere, string Name, string Handle, string[] Members);

public sealed record DemoInvitation(string Organization, string Inviter, string Invitee, string Message);

public sealed record DemoJoinRequest(string Organization, string Person, string Message);

/// <summary>
/// The demo world, as data: a sailing federation and one of its clubs, eight people, a sphere of
/// every type. The posts are in <see cref="DemoPosts"/>. <see cref="DemoLoader"/> writes it through
/// the application's own services, so every rule (federation, roles, charters, mentions) applies.
/// </summary>
public static class DemoWorld
{
    /// <summary>Every demo account's password. Public by design: demo data is for looking around, never for production.</summary>
    public const string Password = "demo-password-2026";

    /// <summary>Manager of both organizations and member of every sphere: the account to sign in with first.</summary>
    public const string FirstUser = "camille.durand";

    public static readonly DemoPerson[] People =
    [
        new("camille.durand", "Camille", "Durand", "fr", "Présidente de la fédération et skipper en J/80. Vingt ans de régate entre Groix et l'île de Ré.",
            "Au ponton jusqu'à 18 h", "manager of both organizations, in every sphere: sign in first"),
        new("thomas.leroy", "Thomas", "Leroy", "fr", "Président du Cercle Nautique de La Rochelle, ancien moniteur de voile.",
            "En réunion à la capitainerie", "manager of the club"),
        new("sophie.martin", "Sophie", "Martin", "fr", "Entraîneuse de l'équipe régate, diplômée d'État.",
            "Sur l'eau", "club member, coach; administrator of the racing team and the sail loft"),
        new("james.whitaker", "James", "Whitaker", "en", "Sailor from Falmouth who moved to La Rochelle. Happy to help English-speaking crews.",
            "Teleworking", "club member; publisher in club life"),
        new("lucas.bernard", "Lucas", "Bernard", "fr", "Étudiant, 19 ans, équipier d'avant sur le J/80 du club.",
            "En partiels cette semaine", "club member; asks the forum a question"),
        new("emma.clarke", "Emma", "Clarke", "en", "International relations for the league: partner clubs in Cork, Plymouth and Vigo.",
            "Travelling to Cork", "federation member; invited to the club, her forum answer awaits approval"),
        new("ines.moreau", "Inès", "Moreau", "fr", "Arbitre nationale, responsable des règles de course à la fédération.",
            "Jury à Quiberon ce week-end", "federation member, race officer; has asked to join the club"),
        new("oliver.grant", "Oliver", "Grant", "en", "Sailmaker at Grant Sails, the club's partner for racing sails.",
            "In the loft", "visitor of the club (sail loft sphere only)"),
    ];

    public const string Federation = "federation";
    public const string Club = "club";

    public static readonly DemoOrganization[] Organizations =
    [
        new(Federation, "Fédération des Clubs de Voile",
            "La fédération des clubs de voile de la côte atlantique. The Atlantic coast sailing league.", "camille.durand",
            Charter: """
                # Charte de la fédération

                1. **Respect** : on s'adresse à chacun avec courtoisie, à terre comme sur l'eau.
                2. **Sécurité** : toute sortie respecte les consignes du club et la météo marine.
                3. **Discrétion** : ce qui se dit dans une sphère reste dans cette sphère.

                *In English: respect, safety, discretion. What is said in a sphere stays in it.*
                """),
        new(Club, "Cercle Nautique de La Rochelle", "Club de voile légère et habitable au port des Minimes.", "thomas.leroy", Parent: Federation),
    ];

    /// <summary>Besides each creator (a manager). Club members become federation members by the federation rule.</summary>
    public static readonly DemoMember[] Members =
    [
        new(Club, "camille.durand", OrganizationRole.Manager),
        new(Club, "sophie.martin", OrganizationRole.Member),
        new(Club, "james.whitaker", OrganizationRole.Member),
        new(Club, "lucas.bernard", OrganizationRole.Member),
        new(Federation, "emma.clarke", OrganizationRole.Member),
        new(Federation, "ines.moreau", OrganizationRole.Member),
        new(Club, "oliver.grant", OrganizationRole.Visitor),
    ];

    private static readonly string[] ClubInsiders = ["thomas.leroy", "sophie.martin", "james.whitaker", "lucas.bernard"];

    private static (string, SphereRole)[] AsMembers(params string[] people) => [.. people.Select(p => (p, SphereRole.Member))];

    public static readonly DemoSphere[] Spheres =
    [
        new("all", Federation, SphereType.Global, "Toute la fédération", "Les nouvelles de toute la fédération. News for everyone in the league.",
            "camille.durand", []),
        new("calendar", Federation, SphereType.Public, "Calendrier des régates 2026", "Le calendrier public des régates, lisible sans compte. The public regatta calendar.",
            "camille.durand", [("ines.moreau", SphereRole.Publisher), .. AsMembers([.. ClubInsiders, "emma.clarke"])]),
        new("notices", Federation, SphereType.Restricted, "Avis de course officiels", "Official notices of race: the race committee publishes, everyone asks in the comments.",
            "ines.moreau", [("camille.durand", SphereRole.Publisher), .. AsMembers([.. ClubInsiders, "emma.clarke"])]),
        new("forum", Federation, SphereType.Forum, "Questions techniques · Tech Q&A", "Réglages, règles de course, matériel. Answers are checked by the staff before they show.",
            "ines.moreau", [("camille.durand", SphereRole.Administrator), ("sophie.martin", SphereRole.Publisher),
                .. AsMembers("thomas.leroy", "james.whitaker", "lucas.bernard", "emma.clarke")]),
        new("board", Club, SphereType.Classic, "Bureau du club", "Le bureau : budget, assurances, travaux. Private, by invitation only.",
            "thomas.leroy", [("camille.durand", SphereRole.Administrator), ("sophie.martin", SphereRole.Member)]),
        new("life", Club, SphereType.Open, "Vie du club", "Sorties, apéros du vendredi, entraide. Any club member can walk in.",
            "thomas.leroy", [("james.whitaker", SphereRole.Publisher), .. AsMembers("camille.durand", "sophie.martin", "lucas.bernard")]),
        new("racing", Club, SphereType.Classic, "Équipe régate J/80", "Entraînements et déplacements de l'équipe régate. Listed in the club's portal: ask to join.",
            "sophie.martin", AsMembers("camille.durand", "james.whitaker", "thomas.leroy"), ListedInPortal: true),
        new("loft", Club, SphereType.Visitor, "Atelier voilerie · Sail loft", "Avec notre voilier partenaire, Grant Sails. Members may invite outside visitors.",
            "sophie.martin", [.. AsMembers("camille.durand", "thomas.leroy", "james.whitaker"), ("oliver.grant", SphereRole.Visitor)], MembersCanInvite: true),
    ];

    public static readonly DemoGroup[] Groups = [new("racing", "Équipage J/80", "equipage", ["sophie.martin", "james.whitaker", "camille.durand"])];

    public static readonly DemoInvitation[] Invitations =
        [new(Club, "camille.durand", "emma.clarke", "Emma, rejoins le club pour accueillir les équipages de Plymouth !")];

    public static readonly DemoJoinRequest[] JoinRequests =
        [new(Club, "ines.moreau", "Bonjour, je m'installe à La Rochelle et j'aimerais naviguer avec le club.")];
}
