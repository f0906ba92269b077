//! Who and where a story is about: people, organisations, a place, and the outlets
//! that publish it. A story's cast recurs across its articles, as real coverage of
//! one event names the same people without sharing its wording.

use super::rng::Rng;
use super::words::english;

/// A person, named in full ("Maria Novak").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub first: &'static str,
    pub last: &'static str,
}

impl Person {
    pub fn random(rng: &mut Rng) -> Person {
        let en = english();
        Person {
            first: rng.pick(&en.first_names),
            last: rng.pick(&en.surnames),
        }
    }

    /// Another person, sharing neither name with any of `avoid`.
    pub fn other(rng: &mut Rng, avoid: &[&Person]) -> Person {
        loop {
            let p = Person::random(rng);
            if avoid
                .iter()
                .all(|a| a.first != p.first && a.last != p.last && a.last != p.first)
            {
                return p;
            }
        }
    }

    pub fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

const MINISTRIES: [&str; 14] = [
    "Finance",
    "Health",
    "Defence",
    "Transport",
    "Energy",
    "Agriculture",
    "Education",
    "Justice",
    "the Interior",
    "Labour",
    "Trade",
    "Culture",
    "Housing",
    "Environment",
];
const COMPANY_KINDS: [&str; 12] = [
    "Holdings",
    "Group",
    "Industries",
    "Logistics",
    "Energy",
    "Bank",
    "Pharmaceuticals",
    "Motors",
    "Capital",
    "Shipping",
    "Foods",
    "Telecom",
];
const BODY_SCOPES: [&str; 5] = ["National", "Regional", "Central", "United", "Federal"];
const BODY_MEMBERS: [&str; 6] = [
    "Farmers",
    "Teachers",
    "Transport",
    "Nurses",
    "Retail",
    "Dockworkers",
];
const BODY_KINDS: [&str; 4] = ["Union", "Association", "Federation", "Council"];
const CITY_BODIES: [&str; 5] = [
    "City Council",
    "Port Authority",
    "Police Department",
    "Water Board",
    "Chamber of Commerce",
];
const OUTLET_KINDS: [&str; 12] = [
    "Herald",
    "Times",
    "Post",
    "Gazette",
    "Tribune",
    "Courier",
    "Observer",
    "Chronicle",
    "Journal",
    "Dispatch",
    "Record",
    "Mirror",
];

/// An organisation's name as it reads mid-sentence ("the Ministry of Health",
/// "Novak Logistics").
pub fn organisation(rng: &mut Rng) -> String {
    let en = english();
    match rng.below(4) {
        0 => format!("the Ministry of {}", rng.pick(&MINISTRIES)),
        1 => format!("{} {}", rng.pick(&en.surnames), rng.pick(&COMPANY_KINDS)),
        2 => format!(
            "the {} {} {}",
            rng.pick(&BODY_SCOPES),
            rng.pick(&BODY_MEMBERS),
            rng.pick(&BODY_KINDS)
        ),
        _ => format!("the {} {}", rng.pick(&en.places), rng.pick(&CITY_BODIES)),
    }
}

/// Another organisation than `avoid`, sharing no capitalised word with it.
pub fn other_organisation(rng: &mut Rng, avoid: &str) -> String {
    let names = |s: &str| -> Vec<String> {
        s.split(' ')
            .filter(|w| w.starts_with(char::is_uppercase))
            .map(str::to_string)
            .collect()
    };
    let old = names(avoid);
    loop {
        let o = organisation(rng);
        if names(&o).iter().all(|w| !old.contains(w)) {
            return o;
        }
    }
}

/// A news outlet ("Lisbon Herald").
pub fn outlet(rng: &mut Rng) -> String {
    format!(
        "{} {}",
        rng.pick(&english().places),
        rng.pick(&OUTLET_KINDS)
    )
}

/// Another place than `avoid`.
pub fn other_place(rng: &mut Rng, avoid: &str) -> &'static str {
    loop {
        let p = rng.pick(&english().places);
        if p != avoid {
            return p;
        }
    }
}

/// The recurring cast of one story.
#[derive(Debug, Clone)]
pub struct Cast {
    pub people: Vec<Person>,
    pub organisations: Vec<String>,
    pub place: &'static str,
    /// Rare nouns the story keeps coming back to (its topic).
    pub topics: Vec<&'static str>,
}

impl Cast {
    pub fn random(rng: &mut Rng) -> Cast {
        let en = english();
        let mut people: Vec<Person> = Vec::new();
        while people.len() < 3 {
            let avoid: Vec<&Person> = people.iter().collect();
            people.push(Person::other(rng, &avoid));
        }
        // Topic words from the middle of the frequency range: rare in the corpus,
        // common within the story.
        let topics = (0..3)
            .map(|_| en.objects[rng.range(300, 8000.min(en.objects.len() - 1))])
            .collect();
        Cast {
            people,
            organisations: vec![organisation(rng), organisation(rng)],
            place: rng.pick(&en.places),
            topics,
        }
    }

    /// One of the story's people most of the time, else someone named once.
    pub fn person(&self, rng: &mut Rng) -> Person {
        if rng.chance(0.6) {
            rng.pick_ref(&self.people).clone()
        } else {
            Person::random(rng)
        }
    }

    /// One of the story's organisations most of the time, else another.
    pub fn organisation(&self, rng: &mut Rng) -> String {
        if rng.chance(0.6) {
            rng.pick_ref(&self.organisations).clone()
        } else {
            organisation(rng)
        }
    }
}
