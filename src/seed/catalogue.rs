//! The price catalogue the demo and benchmark data sets use: realistic SKUs
//! of every reserved resource type, in several regions, for 1, 3 and 5 years.

use rust_decimal::Decimal;

use crate::db::catalogue::NewCataloguePrice;
use crate::db::columns::DbMoney;
use crate::domain::money::{Money, round2};
use crate::domain::reservation::{ResourceType, Term};

/// A SKU: its type, name, description and the price of one unit for one year
/// in the cheapest region, in cents.
pub struct Sku {
    /// Reserved resource type.
    pub resource_type: ResourceType,
    /// SKU name.
    pub name: &'static str,
    /// Human-readable name stored as `sku_description`, e.g. `D2s v5 (2 vCPU, 8 GiB)`.
    pub description: &'static str,
    /// One unit, one year, base region, in cents.
    pub yearly_cents: i64,
}

const fn sku(
    resource_type: ResourceType,
    name: &'static str,
    description: &'static str,
    yearly_cents: i64,
) -> Sku {
    Sku {
        resource_type,
        name,
        description,
        yearly_cents,
    }
}

/// Every SKU of the catalogue.
pub const SKUS: &[Sku] = &[
    sku(
        ResourceType::VirtualMachines,
        "Standard_D2s_v5",
        "D2s v5 (2 vCPU, 8 GiB)",
        61_320,
    ),
    sku(
        ResourceType::VirtualMachines,
        "Standard_D4s_v5",
        "D4s v5 (4 vCPU, 16 GiB)",
        122_640,
    ),
    sku(
        ResourceType::VirtualMachines,
        "Standard_E8s_v5",
        "E8s v5 (8 vCPU, 64 GiB)",
        306_600,
    ),
    sku(
        ResourceType::VirtualMachines,
        "Standard_B2ms",
        "B2ms (2 vCPU, 8 GiB)",
        35_040,
    ),
    sku(
        ResourceType::SqlDatabases,
        "SQLDB_GP_Compute_Gen5",
        "SQL Database General Purpose, Gen5, per vCore",
        119_500,
    ),
    sku(
        ResourceType::SqlDatabases,
        "SQLDB_BC_Compute_Gen5",
        "SQL Database Business Critical, Gen5, per vCore",
        321_900,
    ),
    sku(
        ResourceType::CosmosDb,
        "Cosmos_DB_100_RU_S",
        "Azure Cosmos DB, 100 RU/s",
        5_256,
    ),
    sku(
        ResourceType::AppService,
        "P1v3",
        "App Service Premium v3 P1v3",
        98_550,
    ),
    sku(
        ResourceType::AppService,
        "P2v3",
        "App Service Premium v3 P2v3",
        197_100,
    ),
    sku(
        ResourceType::ManagedDisk,
        "Premium_SSD_Managed_Disks_P30",
        "Premium SSD P30 (1 TiB), LRS",
        131_400,
    ),
    sku(
        ResourceType::BlockBlob,
        "Hot_LRS_100TB",
        "Blob Storage Hot LRS, 100 TB per month",
        1_814_400,
    ),
    sku(
        ResourceType::RedisCache,
        "Premium_P1",
        "Azure Cache for Redis Premium P1",
        276_000,
    ),
    sku(
        ResourceType::MySql,
        "MySQL_GP_Gen5",
        "Azure Database for MySQL General Purpose, per vCore",
        75_600,
    ),
    sku(
        ResourceType::PostgreSql,
        "PostgreSQL_GP_Gen5",
        "Azure Database for PostgreSQL General Purpose, per vCore",
        78_840,
    ),
    sku(
        ResourceType::DedicatedHost,
        "DSv3_Type1",
        "Dedicated Host DSv3 Type 1",
        3_810_000,
    ),
    sku(
        ResourceType::Databricks,
        "Databricks_DBCU_25000",
        "Databricks pre-purchase, 25,000 DBCU",
        2_200_000,
    ),
    sku(
        ResourceType::SynapseAnalytics,
        "Synapse_SCU_5000",
        "Azure Synapse Analytics pre-purchase, 5,000 SCU",
        475_000,
    ),
    sku(
        ResourceType::SuseLinux,
        "SUSE_Linux_Enterprise_Server_Standard_2vCPU",
        "SUSE Linux Enterprise Server Standard, 1-2 vCPU",
        87_600,
    ),
    sku(
        ResourceType::RedHat,
        "Red_Hat_Enterprise_Linux_2vCPU",
        "Red Hat Enterprise Linux, 1-4 vCPU",
        52_560,
    ),
];

/// Regions and their price factor in percent of the base region.
pub const REGIONS: &[(&str, i64)] = &[
    ("eastus", 100),
    ("westus2", 100),
    ("southcentralus", 102),
    ("westeurope", 108),
    ("uksouth", 110),
    ("brazilsouth", 135),
    ("japaneast", 115),
];

/// What a whole term costs against one year: longer terms are cheaper per year.
fn term_factor(term: Term) -> Decimal {
    match term {
        Term::P1Y => Decimal::new(100, 2),
        Term::P3Y => Decimal::new(240, 2),
        Term::P5Y => Decimal::new(360, 2),
    }
}

/// Today's catalogue price of one unit of `sku` in a region for a term.
pub fn unit_price(sku: &Sku, region_factor: i64, term: Term) -> Money {
    let yearly = Decimal::new(sku.yearly_cents, 2);
    Money::new(round2(
        yearly * Decimal::new(region_factor, 2) * term_factor(term),
    ))
}

/// Every catalogue row.
pub fn rows() -> Vec<NewCataloguePrice> {
    let mut rows = Vec::new();
    for sku in SKUS {
        for (region, factor) in REGIONS {
            for term in Term::ALL {
                rows.push(NewCataloguePrice {
                    resource_type: sku.resource_type.as_str().to_string(),
                    sku: sku.name.to_string(),
                    sku_description: sku.description.to_string(),
                    region: region.to_string(),
                    term: term.as_str().to_string(),
                    unit_price: DbMoney(unit_price(sku, *factor, *term)),
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_sku() {
        for t in ResourceType::ALL {
            assert!(SKUS.iter().any(|s| s.resource_type == *t), "{t}");
        }
    }

    #[test]
    fn prices_are_exact_cents() {
        let d2s = &SKUS[0];
        assert_eq!(unit_price(d2s, 100, Term::P1Y), Money::from_cents(61_320));
        assert_eq!(unit_price(d2s, 108, Term::P3Y), Money::from_cents(158_941)); // 613.20 × 1.08 × 2.4 = 1589.4144
        assert_eq!(rows().len(), SKUS.len() * REGIONS.len() * 3);
    }
}
