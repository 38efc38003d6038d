//! The customer search, served by a trigram index (FTS5 on SQLite,
//! pg_trgm on PostgreSQL), finds exactly the customers whose name, domain
//! or tenant ID holds the text, whatever its case, over many random
//! searches; and it follows renames, new customers and removed ones.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::customers::{self, CustomerSort, ListQuery};
use partner_dashboard::db::schema::customers as table;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The IDs the search finds, and the total it reports.
fn found(app: &TestApp, search: &str) -> (Vec<i64>, i64) {
    page_of(app, search, 0, 1000)
}

/// One page of the search (`limit` rows from `offset`), and the total.
fn page_of(app: &TestApp, search: &str, offset: i64, limit: i64) -> (Vec<i64>, i64) {
    let (rows, total) = customers::list(
        &mut app.conn(),
        &ListQuery {
            search,
            sort: CustomerSort::Company,
            descending: false,
            offset,
            limit,
            today: today(),
        },
    )
    .expect("search");
    let mut ids: Vec<i64> = rows.iter().map(|r| r.id.0).collect();
    ids.sort_unstable();
    (ids, total)
}

/// The IDs whose fields hold `search`, compared without case, by reading
/// every customer.
fn expected(app: &TestApp, search: &str) -> Vec<i64> {
    let all: Vec<(i64, String, String, String)> = table::table
        .select((
            table::id,
            table::company_name,
            table::domain,
            table::tenant_id,
        ))
        .load(&mut app.conn())
        .expect("customers");
    let wanted = search.to_lowercase();
    let mut ids: Vec<i64> = all
        .into_iter()
        .filter(|(_, name, domain, tenant)| {
            [name, domain, tenant]
                .iter()
                .any(|field| field.to_lowercase().contains(&wanted))
        })
        .map(|(id, ..)| id)
        .collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn random_searches_find_exactly_the_customers_holding_the_text() {
    let app = spawn_app().await;
    let all: Vec<(String, String, String)> = table::table
        .select((table::company_name, table::domain, table::tenant_id))
        .load(&mut app.conn())
        .expect("customers");
    let mut rng = StdRng::seed_from_u64(13);
    let mut searches: Vec<String> = vec![
        "a".into(),
        "co".into(),
        "%".into(),
        "_".into(),
        "\"".into(),
        "a\"b".into(),
        "100%".into(),
        "nothing-like-this".into(),
        "CORPORATION".into(),
        "  ".into(),
        "ção".into(),
    ];
    for _ in 0..150 {
        let (name, domain, tenant) = &all[rng.random_range(0..all.len())];
        let field: Vec<char> = match rng.random_range(0..3) {
            0 => name.chars().collect(),
            1 => domain.chars().collect(),
            _ => tenant.chars().collect(),
        };
        let start = rng.random_range(0..field.len());
        let len = rng.random_range(1..=(field.len() - start).min(12));
        let mut text: String = field[start..start + len].iter().collect();
        if rng.random_bool(0.5) {
            text = text.to_uppercase();
        }
        searches.push(text);
    }
    for search in &searches {
        let (ids, total) = found(&app, search);
        let wanted = expected(&app, search);
        assert_eq!(ids, wanted, "search {search:?}");
        assert_eq!(total, wanted.len() as i64, "total for {search:?}");
        // The total is the same on a one-row page and past the last one.
        let (first, total) = page_of(&app, search, 0, 1);
        assert_eq!(total, wanted.len() as i64, "{search:?} on a page of one");
        assert!(first.len() <= 1);
        let (none, total) = page_of(&app, search, wanted.len() as i64 + 5, 25);
        assert!(none.is_empty());
        assert_eq!(total, wanted.len() as i64, "{search:?} past the end");
    }
}

#[tokio::test]
async fn the_search_follows_renames_new_customers_and_removals() {
    let app = spawn_app().await;
    let id: i64 = table::table
        .order(table::id)
        .select(table::id)
        .first(&mut app.conn())
        .expect("a customer");
    diesel::update(table::table.find(id))
        .set(table::company_name.eq("Quuxbridge Holdings"))
        .execute(&mut app.conn())
        .expect("rename");
    assert_eq!(found(&app, "quuxbridge").0, vec![id]);
    assert_eq!(found(&app, "XBRIDGE HOLD").0, vec![id]);
    let counted = |app: &TestApp| {
        let kept = partner_dashboard::db::customers::count(&mut app.conn()).expect("kept count");
        let counted: i64 = table::table
            .count()
            .get_result(&mut app.conn())
            .expect("count");
        assert_eq!(kept, counted, "the kept count follows inserts and deletes");
        kept
    };
    let before = counted(&app);
    let (added, _) = {
        diesel::insert_into(table::table)
            .values((
                table::tenant_id.eq("0f0f0f0f-1111-2222-3333-444455556666"),
                table::company_name.eq("Zyzzyva Freight"),
                table::domain.eq("zyzzyva.example"),
                table::country.eq("PT"),
                table::created_at.eq(chrono::Utc::now().naive_utc()),
            ))
            .execute(&mut app.conn())
            .expect("insert");
        found(&app, "zyzzyva")
    };
    assert_eq!(added.len(), 1);
    assert_eq!(counted(&app), before + 1);
    assert_eq!(
        found(&app, "44445555").0,
        added,
        "by a part of the tenant ID"
    );
    diesel::delete(table::table.find(added[0]))
        .execute(&mut app.conn())
        .expect("delete");
    assert!(found(&app, "zyzzyva").0.is_empty());
    assert_eq!(counted(&app), before);
    // The page shows the same.
    app.sign_in(SALES).await;
    let page = app.get("/customers?q=QUUXBRIDGE").await;
    assert!(page.text("main").contains("Quuxbridge Holdings"));
}

#[tokio::test]
async fn compacting_the_search_index_merges_it_and_keeps_every_match() {
    let app = spawn_app().await;
    // Customers added one write at a time, as a sync adds them.
    for n in 0..40 {
        diesel::insert_into(table::table)
            .values((
                table::tenant_id.eq(format!("0f0f0f0f-1111-2222-3333-{n:012}")),
                table::company_name.eq(format!("Compaction Trading {n}")),
                table::domain.eq(format!("compaction{n}.example")),
                table::country.eq("PT"),
                table::created_at.eq(chrono::Utc::now().naive_utc()),
            ))
            .execute(&mut app.conn())
            .expect("insert");
    }
    #[derive(diesel::QueryableByName)]
    struct Segments {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let segments = |app: &TestApp| {
        diesel::sql_query("SELECT COUNT(DISTINCT segid) AS n FROM customer_search_idx")
            .get_result::<Segments>(&mut app.conn())
            .expect("segments")
            .n
    };
    let sqlite =
        partner_dashboard::db::engine(&app.conn()) == partner_dashboard::db::Engine::Sqlite;
    if sqlite {
        assert!(segments(&app) > 1, "small writes leave several segments");
    }
    let searches = ["compaction", "TRADING 3", "ion21.exa", "3333-0000", "a"];
    let before: Vec<_> = searches.iter().map(|s| found(&app, s)).collect();
    customers::compact_search(&mut app.conn()).expect("compact");
    if sqlite {
        assert_eq!(segments(&app), 1, "one segment after compacting");
    }
    for (search, before) in searches.iter().zip(before) {
        let after = found(&app, search);
        assert_eq!(after, before, "{search:?}");
        assert_eq!(after.0, expected(&app, search), "{search:?}");
    }
    assert_eq!(found(&app, "compaction").0.len(), 40);
}
