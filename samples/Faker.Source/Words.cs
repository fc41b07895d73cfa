namespace Faker;

/// <summary>The word lists fake values are picked from.</summary>
internal static class Words
{
    public static readonly string[] FirstNames =
    [
        "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger", "Radia", "Donald",
        "Katherine", "John", "Hedy", "Tim", "Sophie", "Guido", "Anita", "Bjarne", "Karen", "James", "Shafi", "Leslie",
        "Lynn", "Niklaus", "Joan", "Tony", "Adele", "Brian", "Mary", "Yukihiro", "Jean", "Anders", "Carol", "Robin",
    ];

    public static readonly string[] LastNames =
    [
        "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Dijkstra",
        "Perlman", "Knuth", "Johnson", "McCarthy", "Lamarr", "Berners-Lee", "Wilson", "van Rossum", "Borg", "Stroustrup",
        "Jones", "Gosling", "Goldwasser", "Lamport", "Conway", "Wirth", "Clarke", "Hoare", "Goldberg", "Kernighan",
    ];

    public static readonly string[] Titles = ["Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Mx."];

    public static readonly string[] Domains = ["example.com", "example.org", "example.net", "mail.test", "inbox.test"];

    public static readonly string[] Genders = ["Female", "Male", "Non-binary", "Other"];

    public static readonly string[] Languages =
        ["English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch", "Polish", "Japanese", "Korean", "Hindi", "Swahili"];

    public static readonly string[] Degrees = ["Bachelor", "Master", "PhD", "Associate", "None"];

    public static readonly string[] Nationalities =
        ["American", "Canadian", "Mexican", "Brazilian", "French", "German", "Nigerian", "Indian", "Japanese", "Australian", "Irish", "Kenyan"];

    public static readonly string[] Occupations =
    [
        "Engineer", "Teacher", "Nurse", "Carpenter", "Chef", "Pilot", "Accountant", "Librarian", "Electrician", "Designer",
        "Pharmacist", "Journalist", "Farmer", "Lawyer", "Plumber", "Architect", "Dentist", "Translator",
    ];

    public static readonly string[] BloodTypes = ["O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-"];

    public static readonly string[] StreetNames =
        ["Oak", "Maple", "Pine", "Cedar", "Elm", "Willow", "Birch", "Lake", "Hill", "Sunset", "Park", "River", "Mill", "Church"];

    public static readonly string[] StreetSuffixes = ["Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way", "Place"];

    public static readonly string[] Cities =
        ["Springfield", "Riverton", "Fairview", "Georgetown", "Salem", "Madison", "Franklin", "Clinton", "Arlington", "Ashland"];

    public static readonly string[] States =
        ["California", "Texas", "New York", "Florida", "Ohio", "Oregon", "Maine", "Nevada", "Utah", "Vermont", "Georgia", "Iowa"];

    public static readonly string[] Provinces =
        ["Ontario", "Quebec", "Alberta", "Manitoba", "Saskatchewan", "Nova Scotia", "Yukon", "British Columbia"];

    public static readonly string[] CountryCodes = ["US", "CA", "MX", "BR", "FR", "DE", "NG", "IN", "JP", "AU", "IE", "KE"];

    public static readonly string[] Makes = ["Toyota", "Ford", "Honda", "Volkswagen", "BMW", "Tesla", "Kia", "Volvo", "Subaru", "Fiat"];

    public static readonly string[][] Models =
    [
        ["Corolla", "Camry", "RAV4", "Prius"],
        ["Focus", "Mustang", "F-150", "Fiesta"],
        ["Civic", "Accord", "CR-V", "Jazz"],
        ["Golf", "Passat", "Polo", "Tiguan"],
        ["3 Series", "5 Series", "X3", "i4"],
        ["Model 3", "Model S", "Model Y", "Model X"],
        ["Rio", "Sportage", "Niro", "Ceed"],
        ["XC40", "XC60", "V60", "S90"],
        ["Impreza", "Outback", "Forester", "Legacy"],
        ["500", "Panda", "Tipo", "Punto"],
    ];
}
