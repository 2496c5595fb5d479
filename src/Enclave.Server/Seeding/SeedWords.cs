namespace Enclave.Server.Seeding;

/// <summary>The fixed vocabulary of the generated world: names, topics and the words posts are made of.</summary>
public static class SeedWords
{
    public static readonly string[] FirstNames =
    [
        "Camille", "Louis", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Jules", "Sarah", "Gabriel", "Emma", "Arthur",
        "Zoé", "Raphaël", "Alice", "Thomas", "Juliette", "Antoine", "Olivia", "James", "Sophie", "William", "Amelia", "Oliver", "Grace",
        "Henry", "Charlotte", "George", "Isla", "Jack", "Emily", "Noah", "Ava", "Leo", "Mia", "Adam", "Lina", "Yanis", "Clara", "Théo",
    ];

    public static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre",
        "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "Smith", "Jones", "Taylor", "Brown",
        "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
    ];

    public static readonly string[] OrganizationNames =
    [
        "Groupe Horizon", "Atelier Boréal", "Northwind Trading", "Coopérative Lumière", "Blue Harbor", "Mairie de Valmont", "Fondation Alizé",
        "Cobalt Systems", "Hôpital Saint-Clair", "Université de Brenne", "Riverside Partners", "Agence Mistral", "Oakfield School",
        "Laboratoires Opale", "Summit Logistics", "Association Trait d'Union", "Maison Vernet", "Greenline Energy", "Clinique des Pins",
        "Studio Nuance",
    ];

    public static readonly string[] Topics =
    [
        "Projet Atlas", "Comité de direction", "Marketing", "Support client", "Ressources humaines", "Produit", "Ventes Ouest", "Qualité",
        "Événements", "Formation", "Informatique", "Achats", "Communication interne", "Innovation", "Sécurité", "Finance", "Design",
        "Engineering", "Customer success", "Roadmap", "Onboarding", "Partners", "Legal", "Data team", "Mobile app", "Board", "Research",
        "Recrutement", "Accueil", "Juridique", "Logistique", "Open space", "Club lecture", "Sport", "Entraide", "Newsletter",
    ];

    public static readonly string[] Tags =
    [
        "projet", "réunion", "urgent", "idée", "question", "planning", "budget", "release", "meeting", "design", "roadmap", "bug",
        "équipe", "client", "formation", "sécurité", "rh", "event", "news", "qualité", "data", "mobile", "api", "docs", "feedback",
    ];

    public static readonly string[] French =
    [
        "le", "la", "les", "un", "une", "des", "et", "ou", "mais", "donc", "pour", "avec", "sans", "dans", "sur", "sous", "entre", "vers",
        "nous", "vous", "ils", "elles", "notre", "votre", "leur", "ce", "cette", "ces", "qui", "que", "dont", "est", "sont", "était",
        "sera", "avons", "avez", "fait", "faire", "peut", "doit", "faut", "bien", "très", "plus", "moins", "aussi", "encore", "déjà",
        "toujours", "demain", "hier", "semaine", "mois", "année", "réunion", "projet", "équipe", "client", "dossier", "rapport", "budget",
        "planning", "objectif", "résultat", "proposition", "document", "présentation", "formation", "réponse", "question", "problème",
        "solution", "idée", "version", "livraison", "calendrier", "priorité", "décision", "comité", "service", "bureau", "salle",
        "matin", "après-midi", "soir", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "prochain", "dernier", "nouveau", "nouvelle",
        "important", "rapide", "simple", "complet", "ouvert", "fermé", "prêt", "validé", "envoyé", "reçu", "partagé", "modifié",
        "merci", "bravo", "attention", "rappel", "information", "suivi", "point", "étape", "lancement", "bilan", "retour", "avis",
        "accord", "contrat", "facture", "commande", "stock", "site", "application", "serveur", "données", "sécurité", "accès", "compte",
    ];

    public static readonly string[] English =
    [
        "the", "a", "an", "and", "or", "but", "so", "for", "with", "without", "in", "on", "under", "between", "towards", "we", "you",
        "they", "our", "your", "their", "this", "that", "these", "who", "which", "is", "are", "was", "will", "have", "has", "done",
        "make", "can", "must", "should", "well", "very", "more", "less", "also", "still", "already", "always", "tomorrow", "yesterday",
        "week", "month", "year", "meeting", "project", "team", "customer", "file", "report", "budget", "schedule", "goal", "result",
        "proposal", "document", "presentation", "training", "answer", "question", "problem", "solution", "idea", "version", "delivery",
        "calendar", "priority", "decision", "committee", "service", "office", "room", "morning", "afternoon", "evening", "monday",
        "tuesday", "wednesday", "thursday", "friday", "next", "last", "new", "important", "quick", "simple", "complete", "open",
        "closed", "ready", "approved", "sent", "received", "shared", "updated", "thanks", "great", "careful", "reminder", "update",
        "follow-up", "step", "launch", "review", "feedback", "agreement", "contract", "invoice", "order", "stock", "website", "app",
        "server", "data", "security", "access", "account", "release", "roadmap", "deadline", "draft", "budget", "sprint", "demo",
    ];

    public static readonly (string Name, string Type)[] Files =
    [
        ("compte-rendu.pdf", "application/pdf"), ("planning.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("photo.jpg", "image/jpeg"), ("schema.png", "image/png"), ("presentation.pdf", "application/pdf"), ("notes.txt", "text/plain"),
        ("report.pdf", "application/pdf"), ("budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ];
}
