# Independent reference for importing one month of UCI Online Retail as orders (one row per order line), with the
# importer's rules: CustomerID required ('17850.0' -> '17850'); without a status column a negative quantity makes the
# line a return; all lines of an invoice must share customer, date and status (the first valid line sets them; later
# disagreeing lines are rejected); unknown customers and SKUs are created
# (options createMissingCustomers / createMissingProducts); every remaining line is stored once.
# Run: python3 scripts/reference/import/uci_orders_reference.py online_retail_2010-12.csv.gz
import csv, gzip, json, sys
from collections import OrderedDict

path = sys.argv[1]
rows = rejected_no_customer = rejected_header = 0
headers = {}
accepted = []
with gzip.open(path, 'rt', encoding='utf-8', newline='') as f:
    for r in csv.DictReader(f):
        rows += 1
        cust = r['CustomerID'].strip()
        if cust.endswith('.0'):
            cust = cust[:-2]
        if not cust:
            rejected_no_customer += 1
            continue
        inv = r['InvoiceNo'].strip()
        status = 'returned' if int(r['Quantity']) < 0 else 'completed'
        head = (cust, r['InvoiceDate'].strip(), status)
        if inv not in headers:
            headers[inv] = head
        elif headers[inv] != head:
            rejected_header += 1
            continue
        accepted.append((inv, r['StockCode'].strip(), int(r['Quantity']), float(r['UnitPrice']), cust, status))

totals = OrderedDict()
for inv, sku, q, p, _, _ in accepted:
    totals[inv] = totals.get(inv, 0.0) + q * p
print(json.dumps({
    'rows': rows,
    'rejected_no_customer': rejected_no_customer,
    'rejected_header_conflict': rejected_header,
    'lines': len(accepted),
    'orders': len(totals),
    'customers': len({a[4] for a in accepted}),
    'skus': len({a[1] for a in accepted}),
    'revenue': round(sum(totals.values()), 2),
    'items': sum(a[2] for a in accepted),
    'returned_orders': len({a[0] for a in accepted if a[5] == 'returned'}),
    'returned_lines': sum(1 for a in accepted if a[5] == 'returned'),
}))
