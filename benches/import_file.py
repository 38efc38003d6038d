#!/usr/bin/env python3
"""Writes a CSV file of N reservations in the Azure portal's export columns,
for new customers (500 reservations each), deterministic for a seed.

    benches/import_file.py ROWS [SEED] > reservations.csv
"""
import random
import sys
import uuid

rows = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)


def guid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


customers = [(guid(), guid(), f"Imported Customer {n}") for n in range(max(1, rows // 500))]
skus = ["Standard_D2s_v3", "Standard_D4s_v3", "Standard_E8s_v5", "Standard_F4s_v2"]
regions = ["westeurope", "northeurope", "eastus", "brazilsouth"]
print("Customer tenant ID,Customer,Reservation Id,Reservation order Id,Name,Type,SKU,"
      "Region,Quantity,Term,Billing plan,Purchase date,Expiration date,Applied scopes,"
      "Auto-renew,Status,Purchase price,Currency")
for n in range(rows):
    tenant, sub, name = customers[n % len(customers)]
    year, month = 2024 + n % 3, 1 + n % 12
    term, years = ("P1Y", 1) if n % 2 else ("P3Y", 3)
    print(f"{tenant},{name},{guid()},{guid()},VM_RI_{n:06},VirtualMachines,{skus[n % 4]},"
          f"{regions[n % 4]},{1 + n % 5},{term},{'Monthly' if n % 3 == 0 else 'Upfront'},"
          f"{year}-{month:02}-15,{year + years}-{month:02}-15,/subscriptions/{sub},"
          f"{'true' if n % 4 == 0 else 'false'},Succeeded,{100 + n % 900}.50,USD")
