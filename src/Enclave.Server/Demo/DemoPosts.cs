using Enclave.Server.Posts;

namespace Enclave.Server.Demo;

public sealed record DemoComment(string Author, TimeSpan Ago, string Body);

/// <param name="Ago">How long before the load the post was published.</param>
/// <param name="PrivateTo">The recipients of a private post; null for a post to the whole sphere.</param>
public sealed record DemoPost(string Sphere, string Author, TimeSpan Ago, PostStyle Style, string Body,
    DemoComment[]? Comments = null, (string Person, ReactionKind Kind)[]? Reactions = null, string[]? PrivateTo = null, bool Pinned = false);

/// <summary>The conversations of the demo world, French and English, spread over the last five days.</summary>
public static class DemoPosts
{
    private static TimeSpan Ago(int days, int hours) => TimeSpan.FromDays(days) + TimeSpan.FromHours(hours);

    public static readonly DemoPost[] All =
    [
        new("all", "camille.durand", Ago(5, 2), PostStyle.Important, """
            **Bienvenue sur l'espace de la fédération !**

            Chaque club a ses sphères, et cette sphère globale réunit tout le monde. Quelques repères :

            - le *Calendrier des régates 2026*, public ;
            - les avis de course officiels, publiés par le comité ;
            - vos questions dans le forum technique.

            Merci de relire la charte, et bon vent à toutes et à tous. #bienvenue
            """, Pinned: true,
            Reactions: [("thomas.leroy", ReactionKind.Like), ("sophie.martin", ReactionKind.Like), ("emma.clarke", ReactionKind.Love), ("ines.moreau", ReactionKind.Like)]),
        new("all", "emma.clarke", Ago(4, 20), PostStyle.Information, """
            Hello everyone! I'm Emma, in charge of **international relations** for the league.

            This spring we host crews from our partner clubs:

            | Club | City | Crews |
            | --- | --- | --- |
            | Royal Cork YC | Cork | 3 |
            | Plymouth SC | Plymouth | 2 |
            | RCN Vigo | Vigo | 2 |

            If you can offer a bed or a berth, reply here. @camille.durand I'll send you the full list. #international
            """,
            Comments: [new("thomas.leroy", Ago(4, 15), "Le club peut loger deux équipages au club-house. #international")],
            Reactions: [("camille.durand", ReactionKind.Thanks), ("james.whitaker", ReactionKind.Like)]),
        new("calendar", "ines.moreau", Ago(4, 10), PostStyle.Information, """
            ## Calendrier du printemps

            | Date | Épreuve | Lieu |
            | --- | --- | --- |
            | 14–15 mars | Coupe de printemps J/80 | La Rochelle |
            | 4–6 avril | Grand Prix de l'Atlantique | Les Sables-d'Olonne |
            | 1er mai | Régate des écoles de voile | Île de Ré |

            Les inscriptions ouvrent un mois avant chaque épreuve. #calendrier #régate
            """, Reactions: [("thomas.leroy", ReactionKind.Like), ("lucas.bernard", ReactionKind.Wow)]),
        new("board", "thomas.leroy", Ago(4, 6), PostStyle.Information, """
            Ordre du jour du bureau de jeudi :

            - [x] budget 2026 voté
            - [ ] renouvellement de l'assurance des semi-rigides
            - [ ] devis pour le carénage du J/80 numéro 3

            @sophie.martin, peux-tu préparer le planning des entraînements ? #bureau
            """, Comments: [new("sophie.martin", Ago(4, 2), "Oui, je l'envoie mercredi soir.")]),
        new("life", "james.whitaker", Ago(4, 1), PostStyle.Information,
            "Friday **sundowner** on the terrace at 7 pm — bring something to share. Newcomers are very welcome! #apero",
            Comments: [new("lucas.bernard", Ago(3, 23), "Je viens avec des crêpes !"), new("thomas.leroy", Ago(3, 20), "J'apporte le cidre.")],
            Reactions: [("lucas.bernard", ReactionKind.Love), ("camille.durand", ReactionKind.Laugh)]),
        new("notices", "ines.moreau", Ago(3, 22), PostStyle.Important, """
            ### Avis de course — Coupe de printemps J/80

            - Briefing des skippers : **samedi 9 h**, club-house du Cercle Nautique.
            - Premier signal d'avertissement : 11 h.
            - Parcours : banane, 3 tours, zone des Minimes.

            Les questions se posent en commentaire ; le comité répond ici. #avis-de-course
            """,
            Comments: [new("james.whitaker", Ago(3, 18), "Is the briefing also held in English? Two of our crews come from Plymouth."),
                new("ines.moreau", Ago(3, 16), "Yes @james.whitaker: a short English briefing follows at 9:30.")]),
        new("forum", "lucas.bernard", Ago(3, 12), PostStyle.Question,
            "Question de débutant : comment régler le **hale-bas** au portant par vent médium (12 à 15 nœuds) ? Je le choque trop ou pas assez, et le bateau roule. #réglages",
            Comments: [new("sophie.martin", Ago(3, 8), """
                Bonne question ! Au portant, choque le hale-bas jusqu'à ce que la chute de la grand-voile *ouvre* légèrement en tête, puis :

                1. reprends deux ou trois centimètres dès que le bateau commence à rouler ;
                2. garde l'écoute de grand-voile plutôt libre ;
                3. surveille les penons de chute.
                """),
                // Emma is a plain member of the forum: her answer waits in the staff's approval queue.
                new("emma.clarke", Ago(1, 4), "Same question for the spinnaker pole height on the J/80: is there a rule of thumb?")],
            Reactions: [("sophie.martin", ReactionKind.Like)]),
        // Visitors never publish: Oliver, the club's sailmaker, takes part in the comments.
        new("loft", "sophie.martin", Ago(3, 9), PostStyle.Information,
            "Bienvenue à **Oliver Grant** (Grant Sails) ! La nouvelle grand-voile du J/80 est coupée, premier essayage la semaine prochaine. @oliver.grant, la longueur de guindant du bateau numéro 3 est de 8,12 m. #voiles",
            Comments: [new("oliver.grant", Ago(3, 5), "Thank you Sophie, that is exactly what I needed. See you for the fitting!"),
                new("thomas.leroy", Ago(3, 3), "Thanks Oliver. Invoice to the club's address, as usual.")],
            Reactions: [("oliver.grant", ReactionKind.Thanks), ("james.whitaker", ReactionKind.Like)]),
        new("racing", "sophie.martin", Ago(3, 4), PostStyle.Information,
            "Entraînement **samedi 10 h** : départs et virements de bord au contact. @@equipage, rendez-vous à 9 h 30 pour gréer. Pensez aux gants ! #entraînement",
            Comments: [new("james.whitaker", Ago(3, 1), "I'll be there. Shall we practise spinnaker gybes too?"),
                new("sophie.martin", Ago(2, 23), "Oui, si le vent reste sous 15 nœuds.")],
            Reactions: [("james.whitaker", ReactionKind.Like), ("camille.durand", ReactionKind.Like)]),
        new("life", "thomas.leroy", Ago(2, 20), PostStyle.Important,
            "**Fermeture du ponton B** lundi et mardi pour travaux. Les bateaux vont au ponton D ; la liste est affichée à la capitainerie. #travaux"),
        new("forum", "james.whitaker", Ago(2, 14), PostStyle.Question,
            "Does anyone have a **tuning guide** for the club's J/80s (rig tension per wind range)? The one on the noticeboard dates from 2019. #tuning",
            Comments: [new("camille.durand", Ago(2, 10), "J'ai le guide 2025 de la classe, je le mets dans *Équipe régate*. cc @sophie.martin")]),
        new("racing", "camille.durand", Ago(2, 8), PostStyle.Information, """
            The **J/80 tuning guide 2025**, in short (turns from base):

            | Wind (kn) | Uppers | Lowers |
            | --- | --- | --- |
            | 0–8 | base | base |
            | 8–14 | +2 | +1 |
            | 14–20 | +4 | +3 |

            Thanks @james.whitaker for asking. #tuning
            """, Reactions: [("james.whitaker", ReactionKind.Thanks), ("sophie.martin", ReactionKind.Like)]),
        new("calendar", "ines.moreau", Ago(2, 6), PostStyle.Information,
            "**Spring calendar in English**: the J/80 Spring Cup (14–15 March, La Rochelle) is open to visiting crews. Registration opens one month before. #calendar #regatta"),
        new("all", "thomas.leroy", Ago(2, 2), PostStyle.Question,
            "Le Cercle Nautique accueille la **Coupe de printemps** les 14 et 15 mars. Nous cherchons des bénévoles pour le comité et les bateaux de sécurité : qui est partant ? #bénévoles",
            Comments: [new("ines.moreau", Ago(1, 20), "Je serai au comité de course."), new("emma.clarke", Ago(1, 18), "I can help on a RIB on Saturday.")],
            Reactions: [("emma.clarke", ReactionKind.Like), ("camille.durand", ReactionKind.Thanks)]),
        new("board", "thomas.leroy", Ago(1, 9), PostStyle.Problem,
            "Camille, entre nous : le devis du chantier pour le carénage est **40 % au-dessus** du budget. On en parle avant jeudi ? #budget",
            Comments: [new("camille.durand", Ago(1, 7), "Oui, appelle-moi demain matin. On demandera un second devis.")], PrivateTo: ["camille.durand"]),
        new("loft", "sophie.martin", Ago(1, 5), PostStyle.Information,
            "Essai de la nouvelle grand-voile **mercredi 14 h** avec @oliver.grant. Qui est disponible pour naviguer ? #voiles",
            Comments: [new("oliver.grant", Ago(1, 1), "Perfect, I'll bring the battens.")]),
        new("life", "lucas.bernard", Ago(1, 2), PostStyle.Idea,
            "Et si on organisait une **journée portes ouvertes** en juin ? Baptêmes en J/80, initiation en dériveur pour les enfants… Qui serait partant ? #idée",
            Comments: [new("camille.durand", Ago(0, 22), "Excellente idée, on en parle au bureau."), new("james.whitaker", Ago(0, 20), "Count me in: I can skipper a J/80 for the first sails.")],
            Reactions: [("camille.durand", ReactionKind.Like), ("james.whitaker", ReactionKind.Like), ("sophie.martin", ReactionKind.Love)]),
        new("notices", "camille.durand", Ago(0, 20), PostStyle.Important,
            "**Reminder**: from 1 March, lifejackets are mandatory for every crew member on club boats, whatever the wind. *Rappel : gilet obligatoire pour tous dès le 1er mars.* #sécurité"),
        new("calendar", "camille.durand", Ago(0, 6), PostStyle.Information,
            "Résultats de la régate d'entraînement de dimanche : 1. *Les Minimes* (Sophie), 2. *Albatros*, 3. *Cormoran*. Bravo à tous ! #résultats",
            Reactions: [("sophie.martin", ReactionKind.Love)]),
    ];
}
