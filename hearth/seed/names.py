"""Fictional names and places for the synthetic council, Wrekinshire.

Given names and family names are common ones, of the heritages found in an English
council's children's services, drawn together at random: no list names a real person.
Towns, streets, agencies and postcodes are made up ("WK" is not a real postcode area).
"""

COUNCIL_NAME = "Wrekinshire Council"
EMAIL_DOMAIN = "wrekinshire.example"  # .example is reserved (RFC 2606): no mail can go there

# Heritage groups, each with girls' names, boys' names and family names.
# The ethnicity codes that draw on each group are in `generator.ETHNICITY_HERITAGE`.
NAMES = {
    "english": {
        "girls": [
            "Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow",
            "Rosie", "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella",
            "Evelyn", "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Millie", "Matilda", "Ruby", "Jessica",
            "Chloe", "Megan", "Lauren", "Hannah", "Bethany", "Jade", "Kayleigh", "Leah", "Holly", "Abigail",
            "Courtney", "Paige", "Shannon", "Danielle", "Gemma", "Stacey", "Rebecca", "Amy", "Lucy", "Katie",
            "Niamh", "Aoife", "Siobhan", "Ciara",
        ],
        "boys": [
            "Oliver", "George", "Noah", "Arthur", "Leo", "Oscar", "Harry", "Archie", "Jack", "Henry",
            "Charlie", "Freddie", "Theodore", "Thomas", "Finley", "Theo", "Alfie", "Jacob", "William", "Isaac",
            "Tommy", "Joshua", "James", "Lucas", "Riley", "Mason", "Logan", "Ethan", "Kian", "Tyler",
            "Jayden", "Callum", "Connor", "Liam", "Kyle", "Ryan", "Jordan", "Bradley", "Lewis", "Dylan",
            "Luke", "Daniel", "Jamie", "Reece", "Owen", "Ben", "Sean", "Ciaran", "Declan", "Cillian",
        ],
        "family": [
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
            "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
            "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Watson",
            "Harris", "Baker", "Harrison", "Morgan", "Patel", "Young", "Allen", "Mitchell", "Bell", "Lee",
            "Parker", "Shaw", "Cook", "Richardson", "Lewis", "Bennett", "Griffiths", "Kelly", "Marshall", "Price",
            "Bailey", "Carter", "Dixon", "Fletcher", "Holmes", "Lloyd", "Mason", "Powell", "Reynolds", "Stevens",
            "Murphy", "Byrne", "Doyle", "O'Brien", "Ryan", "McCarthy", "Gallagher", "Brennan",
        ],
    },
    "european": {
        "girls": [
            "Zuzanna", "Julia", "Maja", "Natalia", "Alicja", "Oliwia", "Ioana", "Maria", "Elena", "Andreea",
            "Gabriela", "Viktoria", "Anastasia", "Emilija", "Greta", "Ana", "Bianca", "Daria", "Laura", "Martina",
        ],
        "boys": [
            "Jakub", "Kacper", "Szymon", "Filip", "Mateusz", "Andrei", "Alexandru", "Stefan", "Luca", "Matei",
            "Tomas", "Lukas", "Dominik", "Marek", "Ivan", "Nikola", "Mihai", "Bogdan", "David", "Adrian",
        ],
        "family": [
            "Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Popescu", "Ionescu", "Popa",
            "Dumitru", "Stan", "Kazlauskas", "Petrauskas", "Horvath", "Novak", "Balogh", "Ivanov", "Petrov",
            "Silva", "Santos", "Ferreira", "Rossi", "Costa", "Oliveira",
        ],
    },
    "traveller": {
        "girls": ["Bridget", "Margaret", "Kathleen", "Mary", "Shamrock", "Winnie", "Nellie", "Esther", "Rosella"],
        "boys": ["Patrick", "Michael", "John", "Martin", "Francis", "Joseph", "Levi", "Noah", "Lenny"],
        "family": ["Ward", "McDonagh", "Joyce", "Lee", "Boswell", "Price", "Smith", "Doran", "Collins", "Maughan"],
    },
    "south_asian": {
        "girls": [
            "Aisha", "Amira", "Zara", "Hafsa", "Maryam", "Inaya", "Anaya", "Aaliyah", "Fatima", "Zainab",
            "Priya", "Anika", "Riya", "Simran", "Navneet", "Harleen", "Jasmin", "Nadia", "Sana", "Ayesha",
            "Tasnim", "Sumaiya", "Nusrat", "Farhana",
        ],
        "boys": [
            "Muhammad", "Yusuf", "Ibrahim", "Zayn", "Ayaan", "Hamza", "Ali", "Rayan", "Adam", "Bilal",
            "Arjun", "Rohan", "Aarav", "Vivaan", "Harjit", "Gurpreet", "Jaspreet", "Imran", "Tariq", "Faisal",
            "Rahim", "Sayed", "Tanvir", "Shahid",
        ],
        "family": [
            "Khan", "Hussain", "Ahmed", "Ali", "Begum", "Iqbal", "Akhtar", "Mahmood", "Rashid", "Shah",
            "Patel", "Sharma", "Singh", "Kaur", "Gill", "Sandhu", "Mistry", "Chauhan", "Miah", "Uddin",
            "Rahman", "Islam", "Chowdhury", "Hossain",
        ],
    },
    "black": {
        "girls": [
            "Amara", "Chantelle", "Shanice", "Tiana", "Precious", "Blessing", "Abena", "Adaeze", "Chioma",
            "Esi", "Folake", "Zuri", "Nia", "Imani", "Kemi", "Ruth", "Deborah", "Hawa", "Ifrah", "Hodan",
        ],
        "boys": [
            "Kofi", "Kwame", "Chidi", "Emeka", "Tunde", "Femi", "Jermaine", "Tyrone", "Marcus", "Malachi",
            "Isaiah", "Elijah", "Nathaniel", "Samuel", "Joel", "Kayode", "Abdi", "Mohamed", "Omar", "Tobi",
        ],
        "family": [
            "Okafor", "Adeyemi", "Mensah", "Owusu", "Boateng", "Okonkwo", "Adebayo", "Asante", "Osei", "Nwosu",
            "Campbell", "Francis", "Grant", "Thomas", "Clarke", "Williams", "Brown", "Henry", "Bailey", "Reid",
            "Abdullahi", "Warsame", "Farah", "Hassan",
        ],
    },
    "chinese": {
        "girls": ["Mei", "Li Na", "Xin", "Yan", "Jia", "Hui", "Lin", "Ying", "Emily", "Grace"],
        "boys": ["Wei", "Jun", "Hao", "Ming", "Jian", "Chen", "Kai", "Long", "Daniel", "Jason"],
        "family": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Lam", "Wong"],
    },
    "middle_eastern": {
        "girls": [
            "Layla", "Noor", "Yasmin", "Mariam", "Hiba", "Rahel", "Selam", "Helen", "Shirin", "Parisa",
            "Roya", "Zahra", "Dilan", "Rojin",
        ],
        "boys": [
            "Ahmad", "Mohammad", "Omid", "Hamid", "Karim", "Samir", "Yonas", "Dawit", "Filmon", "Merhawi",
            "Aram", "Rebin", "Hassan", "Mustafa", "Abdullah", "Jawad", "Nasir", "Sami",
        ],
        "family": [
            "Ahmadi", "Rahimi", "Karimi", "Hashimi", "Haidari", "Rezaei", "Tesfaye", "Haile", "Gebremedhin",
            "Tekle", "Kebede", "Abdullah", "Hassan", "Mahmoud", "Aziz", "Omar", "Saleh", "Rasul", "Qadir", "Amin",
        ],
    },
}

# Languages recorded as first language for each heritage, with English most common where born here.
LANGUAGES = {
    "english": ["English"],
    "european": ["English", "Polish", "Romanian", "Lithuanian", "Portuguese", "Bulgarian", "Slovak"],
    "traveller": ["English"],
    "south_asian": ["English", "Urdu", "Punjabi", "Bengali", "Gujarati", "Sylheti"],
    "black": ["English", "Somali", "Yoruba", "Twi", "French", "Igbo"],
    "chinese": ["English", "Cantonese", "Mandarin"],
    "middle_eastern": ["Arabic", "Pashto", "Dari", "Tigrinya", "Kurdish (Sorani)", "Farsi", "Amharic"],
}

RELIGIONS = {
    "english": ["", "", "No religion", "Christian", "Christian", "Roman Catholic"],
    "european": ["", "Roman Catholic", "Orthodox Christian", "No religion"],
    "traveller": ["", "Roman Catholic", "Christian"],
    "south_asian": ["", "Muslim", "Muslim", "Sikh", "Hindu"],
    "black": ["", "Christian", "Muslim", "Christian"],
    "chinese": ["", "No religion", "Buddhist", "Christian"],
    "middle_eastern": ["", "Muslim", "Muslim", "Orthodox Christian"],
}

# Wrekinshire's localities: made-up towns, each with its own postcode district.
TOWNS = [
    ("Wrekinford", "WK1"), ("Wrekinford", "WK2"), ("Wrekinford", "WK3"), ("Hollowmere", "WK4"),
    ("Copperbridge", "WK5"), ("Ashwick Lacey", "WK6"), ("Fennowby", "WK7"), ("Millbrook Cross", "WK8"),
    ("Stonelow", "WK9"), ("Larkhey", "WK10"), ("Brindlecote", "WK11"), ("Oxenholt", "WK12"),
]
# The localities that name the safeguarding and early help teams.
LOCALITIES = ["North", "South", "East", "West", "Central"]

STREET_STEMS = [
    "Foundry", "Mill", "Station", "Chapel", "Orchard", "Furnace", "Canal", "Quarry", "Meadow", "Coalpit",
    "Willow", "Beech", "Rowan", "Hawthorn", "Larch", "Sycamore", "Hazel", "Bracken", "Heather", "Kingfisher",
    "Lapwing", "Skylark", "Wren", "Badger", "Fieldfare", "Lime Kiln", "Brickworks", "Forge", "Tannery", "Ropewalk",
    "Market", "Church", "School", "Vicarage", "Wharf", "Ironstone", "Cinder", "Malthouse", "Granary", "Pinfold",
]
STREET_KINDS = ["Road", "Street", "Lane", "Close", "Avenue", "Way", "Drive", "Crescent", "Grove", "Court", "Walk"]
FLAT_BLOCKS = ["Beacon House", "Severn Court", "Larkhey House", "Cinderhill Tower", "Kiln House", "Pennant Court"]

# Partner agencies whose workers submit referrals online (all fictional).
PARTNER_AGENCIES = [
    "Wrekinshire Police",
    "Wrekinshire Community Health NHS Trust",
    "Wrekinford General Hospital",
    "Hollowmere Primary School",
    "Copperbridge Academy",
    "Wrekinshire College",
    "Stonelow Housing Association",
    "Wrekinshire Domestic Abuse Service",
]

RESTRICTION_REASONS = [
    "A relative of a member of staff: access limited to the allocated team",
    "The child of a council employee: access by grant only",
    "High public profile: access limited by the head of service",
    "Police request: family relocated for their safety",
    "The family are known to staff in the service: access by grant only",
]

# What children say in visits and direct work, by age band. Invented, and deliberately ordinary.
CHILD_WORDS = {
    "young": [
        "I like it when mummy reads me the dinosaur book.",
        "My favourite is the big slide at the park.",
        "I was sad when daddy shouted.",
        "I want to show you my drawing of our house.",
        "Nanny makes pancakes on Saturdays.",
        "I don't like the dark. I have a night light now.",
        "I got a sticker at nursery for tidying up.",
        "The dog is called Biscuit and he licks my face.",
    ],
    "middle": [
        "I like school because of my friends, but I don't like maths.",
        "I worry about mum when I'm at school.",
        "It's better at home now, there's less shouting.",
        "I want to go to football on Saturdays again.",
        "I miss my dad. I'd like to see him more.",
        "I feel safe at Nan's house.",
        "I don't want to talk about that today.",
        "I got picked for the school play and I'm a tree.",
        "Sometimes I have to look after my little brother and I get tired.",
        "My teacher is kind and lets me have time out when I'm cross.",
    ],
    "teen": [
        "I just want everyone to stop going on about it.",
        "I'm fine. I'd rather see you somewhere that isn't home.",
        "College is alright. I want to do mechanics.",
        "I don't trust the police, they never listen.",
        "I'm not going back there. I feel better where I am now.",
        "My friends are the ones who get me, not my family.",
        "I'd like to see my sister more, she's the only one who gets it.",
        "I want to choose who comes to my review.",
        "I've been going to the gym, it helps when my head's busy.",
        "I know you're trying to help. Just don't tell my mum everything.",
    ],
    "leaver": [
        "The flat is okay but the heating keeps breaking.",
        "I've got an interview at the warehouse next week.",
        "Money's tight. I need help with the gas bill.",
        "I want to go to college in September.",
        "I'm doing better than last year, honestly.",
        "Can you come with me to the housing appointment?",
    ],
}
