//! Names for generated customers: the well-known fictitious companies for
//! the demo, and combinations of them for larger data sets.

use crate::domain::reservation::ResourceType;

/// Company names of the demo data set.
pub const DEMO_COMPANIES: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Northwind Traders",
    "Adventure Works Cycles",
    "Tailspin Toys",
    "Wide World Importers",
    "Litware",
    "Proseware",
    "Woodgrove Bank",
    "Alpine Ski House",
    "Coho Winery",
    "Fourth Coffee",
    "Lucerne Publishing",
    "Margie's Travel",
    "Trey Research",
    "Wingtip Toys",
    "Blue Yonder Airlines",
    "City Power & Light",
    "Graphic Design Institute",
    "Humongous Insurance",
    "Southridge Video",
    "Relecloud",
    "VanArsdel",
    "A. Datum Corporation",
    "Consolidated Messenger",
    "Lamna Healthcare",
    "Bellows College",
    "Best For You Organics",
    "Munson's Pickles and Preserves",
    "Nod Publishers",
];

const PREFIXES: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Adventure",
    "Tailspin",
    "Litware",
    "Proseware",
    "Woodgrove",
    "Alpine",
    "Coho",
    "Lucerne",
    "Trey",
    "Wingtip",
    "Blue Yonder",
    "Humongous",
    "Southridge",
    "Relecloud",
    "VanArsdel",
    "Datum",
    "Lamna",
    "Bellows",
    "Munson",
    "Nod",
    "Tasmanian",
    "Cerulean",
    "Granite",
    "Harbor",
    "Juniper",
    "Keystone",
    "Meridian",
];

const SUFFIXES: &[&str] = &[
    "Logistics",
    "Health",
    "Retail",
    "Energy",
    "Foods",
    "Finance",
    "Media",
    "Labs",
    "Airlines",
    "Motors",
    "Textiles",
    "Pharma",
    "Telecom",
    "Insurance",
    "Consulting",
    "Studios",
    "Farms",
    "Robotics",
    "Marine",
    "Analytics",
];

/// Countries (ISO 3166-1 alpha-3) and the top-level domain their companies use.
pub const COUNTRIES: &[(&str, &str)] = &[
    ("USA", "com"),
    ("BRA", "com.br"),
    ("GBR", "co.uk"),
    ("DEU", "de"),
    ("FRA", "fr"),
    ("CAN", "ca"),
    ("AUS", "com.au"),
    ("JPN", "co.jp"),
    ("NLD", "nl"),
    ("ESP", "es"),
    ("MEX", "com.mx"),
    ("PRT", "pt"),
    ("IND", "co.in"),
];

/// The name of generated customer number `n` (0-based) of a large data set.
pub fn bulk_company(n: usize) -> String {
    let combos = PREFIXES.len() * SUFFIXES.len();
    let base = format!(
        "{} {}",
        PREFIXES[n % PREFIXES.len()],
        SUFFIXES[(n / PREFIXES.len()) % SUFFIXES.len()]
    );
    if n < combos {
        base
    } else {
        format!("{base} {}", n / combos + 1)
    }
}

/// A domain-name label from a company name: `Margie's Travel` → `margiestravel`.
pub fn slug(company: &str) -> String {
    company
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A short name used in resource names: the first word, lower-case.
pub fn short(company: &str) -> String {
    slug(company.split_whitespace().next().unwrap_or(company))
}

/// The short prefix of generated reservation names of a type (`vm`, `sqldb`, …).
pub fn type_prefix(t: ResourceType) -> &'static str {
    match t {
        ResourceType::VirtualMachines => "vm",
        ResourceType::SqlDatabases => "sqldb",
        ResourceType::CosmosDb => "cosmos",
        ResourceType::AppService => "app",
        ResourceType::ManagedDisk => "disk",
        ResourceType::BlockBlob => "blob",
        ResourceType::RedisCache => "redis",
        ResourceType::MySql => "mysql",
        ResourceType::PostgreSql => "pgsql",
        ResourceType::DedicatedHost => "host",
        ResourceType::Databricks => "dbx",
        ResourceType::SynapseAnalytics => "syn",
        ResourceType::SuseLinux => "suse",
        ResourceType::RedHat => "rhel",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..5000).map(bulk_company).collect();
        assert_eq!(names.len(), 5000);
        assert!(DEMO_COMPANIES.len() >= 25);
        assert_eq!(slug("Margie's Travel"), "margiestravel");
        assert_eq!(short("City Power & Light"), "city");
    }
}
