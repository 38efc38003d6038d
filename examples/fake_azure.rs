//! The tests' fake of Entra ID, Partner Center and Resource Manager, served
//! on 127.0.0.1 for trying the connection by hand:
//!
//! ```sh
//! cargo run --example fake_azure        # prints the settings to export
//! ```

#[path = "../tests/common/azure_world.rs"]
#[allow(dead_code, reason = "the example uses part of the tests' fake")]
mod azure_world;

fn main() {
    let today = chrono::Utc::now().date_naive();
    let mut litware = azure_world::tenant_with(4, "Litware", 1, 2, today);
    litware.1.refuses = true;
    let (base, world) = azure_world::start(vec![
        azure_world::tenant_with(1, "Northwind Traders", 6, 24, today),
        azure_world::tenant_with(2, "Fabrikam", 3, 9, today),
        azure_world::tenant_with(3, "Adatum", 1, 3, today),
        litware,
    ]);
    world.scenario.lock().expect("lock").patch_polls = 3;
    println!("A fake of Azure is listening on {base}. Export:");
    for (name, value) in azure_world::env(&base) {
        println!("export {name}={value}");
    }
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
