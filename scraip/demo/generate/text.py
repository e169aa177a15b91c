"""Words for generated records: council-like names and sentences, drawn from a seeded random
generator so that the same seed gives the same database. The wording is SCRAIP's own.

Sentences are assembled once into a pool and then drawn from it: a million text fields cost a
million cheap choices rather than a million sentence builds.
"""

import random

PLACES = (
    "Ashby Vale",
    "Brackenhurst",
    "Castlemere",
    "Dunmore",
    "Eastwick",
    "Fairholme",
    "Greystoke",
    "Harrowfield",
    "Ivybridge Downs",
    "Kingsmead",
    "Larkhill",
    "Marden Wold",
    "Northcote",
    "Oakenshaw",
    "Pennington",
    "Queensbury Fen",
    "Redcliffe",
    "Stourmouth",
    "Thornbury Heath",
    "Upwood",
)
COUNCIL_KINDS = ("Borough Council", "District Council", "City Council", "County Council")
_FIRST_NAMES = (
    "Aisha Alan Amelia Andrew Anita Ben Bethan Bilal Carl Catherine Chloe Colin Dan Deborah "
    "Derek Eileen Emma Farah Fiona Gareth Grace Harriet Hassan Ian Imogen Jack Jasmine Joan "
    "Jonathan Karen Kieran Laura Leon Linda Mark Marion Mohammed Nadia Neil Nicola Oliver "
    "Pamela Patrick Priya Rachel Raj Rebecca Richard Rosa Sam Sandra Sean Simon Sophie Stuart "
    "Tariq Teresa Tom Valerie Vikram Wendy Yusuf Zoe "
)
FIRST_NAMES = tuple(_FIRST_NAMES.split())
_LAST_NAMES = (
    "Ahmed Allen Appleby Baker Barnes Begum Bell Bennett Bishop Brooks Carter Chapman Clarke "
    "Cole Collins Cooper Davies Dixon Edwards Ellis Evans Fletcher Foster Fraser Gill Graham "
    "Green Hall Harris Hayes Hill Holmes Hughes Hunt Iqbal Jackson James Jenkins Johnson Kaur "
    "Kelly Khan King Knight Lane Lewis Marsh Mason Mills Moore Morgan Murphy Nash Owen Palmer "
    "Parker Patel Pearce Price Reid Reynolds Richards Robinson Rose Russell Shah Shaw Singh "
    "Stevens Taylor Thomas Turner Walker Ward Watson Webb West White Wilson Wood Wright Young "
)
LAST_NAMES = tuple(_LAST_NAMES.split())
GROUPS = ("Conservative", "Labour", "Liberal Democrat", "Green", "Independent")
OFFICER_TITLES = (
    "Head of Housing",
    "Head of Finance",
    "Head of Planning",
    "Head of Environmental Services",
    "Community Safety Manager",
    "Head of Revenues and Benefits",
    "Policy and Performance Manager",
    "Head of Legal Services",
    "Economic Development Manager",
    "Head of Human Resources",
    "Leisure and Culture Manager",
    "Head of Customer Services",
    "Waste and Recycling Manager",
    "Head of ICT",
    "Partnerships Manager",
    "Director of Place",
    "Director of Resources",
    "Director of Communities",
)
ORGANISATIONS = (
    "Clinical Commissioning Group",
    "Police Division",
    "Fire and Rescue Service",
    "Citizens Advice",
    "Housing Association",
    "Chamber of Commerce",
    "Council for Voluntary Service",
    "Primary Care Trust",
    "Youth Offending Service",
    "Wildlife Trust",
    "University",
    "College of Further Education",
    "Local Enterprise Partnership",
    "Tenants' Federation",
    "Age Concern",
    "Job Centre",
)
TOPICS = (
    "housing",
    "health",
    "community safety",
    "shared services",
    "governance",
    "finance",
    "regeneration",
    "transport",
    "waste",
    "leisure",
    "young people",
    "older people",
    "planning",
    "climate",
    "partnerships",
)
REVIEW_SUBJECTS = (
    "Affordable Housing",
    "Community Safety Partnerships",
    "Town Centre Regeneration",
    "Waste and Recycling Services",
    "Homelessness Prevention",
    "Shared Revenues and Benefits",
    "Flood Resilience",
    "Youth Provision",
    "Leisure Centre Management",
    "Health Inequalities",
    "Car Parking Charges",
    "Planning Enforcement",
    "Customer Access Channels",
    "Rural Transport",
    "Empty Homes",
    "Air Quality",
    "Tourism and the Visitor Economy",
    "Street Cleansing",
    "Council Tax Collection",
    "Digital Inclusion",
    "Partnership Working",
    "Procurement",
    "Sickness Absence",
    "Domestic Abuse Services",
    "Climate Change Action",
    "Allotments and Green Spaces",
)
REVIEW_KINDS = ("Review of", "Scrutiny of", "Task and Finish Review of", "Inquiry into")

SUBJECTS = (
    "the council",
    "the cabinet",
    "officers",
    "the lead officer",
    "the partnership board",
    "the housing team",
    "the review group",
    "the scrutiny committee",
    "the community safety team",
    "partners",
    "the finance team",
    "the cabinet member",
)
VERBS = (
    "reviews",
    "publishes",
    "reports on",
    "agrees",
    "consults residents on",
    "sets targets for",
    "brings forward proposals for",
    "monitors",
    "costs",
    "improves",
    "simplifies",
    "shares data on",
)
OBJECTS = (
    "the allocation policy",
    "its partnership arrangements",
    "the complaints process",
    "the capital programme",
    "the enforcement protocol",
    "the customer contact strategy",
    "its approach to empty homes",
    "the grants budget",
    "the service level agreement",
    "the performance framework",
    "the risk register",
    "the tenancy strategy",
    "the local plan evidence",
    "the communications plan",
    "the commissioning strategy",
    "the equality impact assessment",
)
QUALIFIERS = (
    "within six months",
    "before the next budget round",
    "with the voluntary sector",
    "and reports back to this committee",
    "in line with the national guidance",
    "as part of the medium-term financial strategy",
    "with clear measures of success",
    "drawing on the evidence heard by the review group",
    "so that residents can see the results",
    "across every ward of the borough",
    "jointly with neighbouring councils",
    "at no extra cost to the council",
)
PROGRESS = (
    "The first phase is complete and the second has started.",
    "A draft has been shared with partners for comment.",
    "Work was delayed by the restructure of the service but has now resumed.",
    "The project board has met twice and agreed its terms of reference.",
    "Funding has been secured for the first year.",
    "Consultation with residents closed last month and the responses are being analysed.",
    "The new process went live on time and early feedback is positive.",
    "A report will go to cabinet at its next meeting.",
    "Recruitment to the post has taken longer than expected.",
    "Figures for the first quarter show a small improvement.",
    "Partners have agreed to share their data from April.",
    "No further progress this period because of competing priorities.",
    "The action is complete and is now part of normal business.",
)


class Words:
    """Seeded choices of names and sentences."""

    def __init__(self, seed: str):
        self.rng = random.Random(seed)
        pool = random.Random(f"{seed}-pool")
        self.sentences = [
            f"That {pool.choice(SUBJECTS)} {pool.choice(VERBS)} {pool.choice(OBJECTS)} "
            f"{pool.choice(QUALIFIERS)}."
            for _ in range(2000)
        ]
        self.statements = [
            f"{pool.choice(SUBJECTS).capitalize()} {pool.choice(VERBS)} {pool.choice(OBJECTS)} "
            f"{pool.choice(QUALIFIERS)}."
            for _ in range(2000)
        ]

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def recommendation(self, sentences: int) -> str:
        """ "That the council …": a recommendation of so many sentences."""
        first = self.rng.choice(self.sentences)
        rest = [self.rng.choice(self.statements) for _ in range(sentences - 1)]
        return " ".join([first, *rest])

    def statement(self, sentences: int = 1) -> str:
        return " ".join(self.rng.choice(self.statements) for _ in range(sentences))

    def progress(self, sentences: int = 2) -> str:
        return " ".join(self.rng.sample(PROGRESS, sentences))
