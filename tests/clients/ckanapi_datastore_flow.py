"""The DataStore issue's 'done when', driven by the real Python ckanapi client against Kho.

Usage: python3 ckanapi_datastore_flow.py SITE_URL API_TOKEN CSV_PATH XLSX_PATH
An analyst uploads a Vietnamese CSV exported from Excel (Windows-1258) and an XLSX, queries both
with datastore_search and datastore_search_sql, and downloads each as CSV and as XLSX.
Prints one line per step; exits non-zero on the first failure.
"""
import io
import sys
import time
import zipfile

import requests
from ckanapi import RemoteCKAN

site, token, csv_path, xlsx_path = sys.argv[1:5]
kho = RemoteCKAN(site, apikey=token, user_agent='ckanapi-datastore-flow')


def step(name, ok, detail=''):
    print(('ok   ' if ok else 'FAIL ') + name + (' ' + detail if detail and not ok else ''), flush=True)
    if not ok:
        sys.exit(1)


kho.action.organization_create(name='so-y-te', title='Sở Y tế')
ds = kho.action.package_create(name='co-so-y-te', title='Cơ sở y tế', owner_org='so-y-te')
with open(csv_path, 'rb') as f:
    csv_res = kho.action.resource_create(package_id=ds['id'], name='Bệnh viện (CSV)', upload=f)
with open(xlsx_path, 'rb') as f:
    xlsx_res = kho.action.resource_create(package_id=ds['id'], name='Bệnh viện (XLSX)', upload=f)
step('uploads', csv_res['format'] == 'CSV' and xlsx_res['format'] == 'XLSX')


def loaded(resource_id):
    for _ in range(200):
        status = kho.action.xloader_status(resource_id=resource_id)
        if status['status'] in ('complete', 'error'):
            return status
        time.sleep(0.1)
    return {'status': 'timeout'}


for res in (csv_res, xlsx_res):
    status = loaded(res['id'])
    step('load ' + res['name'], status['status'] == 'complete', str(status))

for res in (csv_res, xlsx_res):
    found = kho.action.datastore_search(resource_id=res['id'], filters={'Tỉnh': 'Thừa Thiên Huế'})
    names = [r['Tên bệnh viện'] for r in found['records']]
    step('datastore_search ' + res['name'], found['total'] == 1 and names == ['Bệnh viện Trung ương Huế'], str(found))
    sql = 'SELECT "Tỉnh", "Số giường" FROM "%s" WHERE "Số giường" > 1000 ORDER BY "Số giường" DESC' % res['id']
    rows = kho.action.datastore_search_sql(sql=sql)['records']
    step('datastore_search_sql ' + res['name'], [r['Tỉnh'] for r in rows] == ['Thừa Thiên Huế', 'Đà Nẵng'], str(rows))

headers = {'Authorization': token}
for res in (csv_res, xlsx_res):
    base = '%s/dataset/%s/resource/%s/export/' % (site, ds['id'], res['id'])
    csv = requests.get(base + 'benh-vien.csv', params={'bom': 'true'}, headers=headers)
    text = csv.content.decode('utf-8-sig')
    step('CSV download ' + res['name'], csv.status_code == 200 and csv.content.startswith(b'\xef\xbb\xbf')
         and 'Bệnh viện Trung ương Huế' in text and 'Đà Nẵng' in text, csv.text[:200])
    xlsx = requests.get(base + 'benh-vien.xlsx', headers=headers)
    book = zipfile.ZipFile(io.BytesIO(xlsx.content))
    sheet = book.read('xl/worksheets/sheet1.xml').decode('utf-8')
    step('XLSX download ' + res['name'], xlsx.status_code == 200 and book.testzip() is None
         and 'Bệnh viện Trung ương Huế' in sheet and 'Thừa Thiên Huế' in sheet)

print('ckanapi datastore flow passed', flush=True)
