"""The issue's 'done when' flow, driven by the real Python ckanapi client against a running Kho.

Usage: python3 ckanapi_flow.py SITE_URL API_TOKEN CSV_PATH
Prints one line per step; exits non-zero on the first failure.
"""
import hashlib
import sys

import requests
from ckanapi import RemoteCKAN, NotAuthorized, NotFound, ValidationError

site, token, csv_path = sys.argv[1], sys.argv[2], sys.argv[3]
kho = RemoteCKAN(site, apikey=token, user_agent='ckanapi-flow-test')
anon = RemoteCKAN(site)


def step(name, ok):
    print(('ok   ' if ok else 'FAIL ') + name, flush=True)
    if not ok:
        sys.exit(1)


org = kho.action.organization_create(name='so-tai-chinh', title='Sở Tài chính')
step('organization_create', org['name'] == 'so-tai-chinh' and org['title'] == 'Sở Tài chính')

ds = kho.action.package_create(name='ngan-sach-tinh', title='Ngân sách tỉnh Thừa Thiên Huế', owner_org='so-tai-chinh',
                               tags=[{'name': 'ngân sách'}], extras=[{'key': 'tần suất', 'value': 'Hàng năm'}])
step('package_create', ds['name'] == 'ngan-sach-tinh' and ds['organization']['name'] == 'so-tai-chinh')

with open(csv_path, 'rb') as f:
    res = kho.action.resource_create(package_id=ds['id'], name='Thu chi ngân sách', url='dummy-value', upload=f)
with open(csv_path, 'rb') as f:
    data = f.read()
step('resource_create with upload', res['url_type'] == 'upload' and res['size'] == len(data)
     and res['hash'] == hashlib.sha256(data).hexdigest())

patched = kho.action.package_patch(id=ds['id'], notes='Số liệu thu chi ngân sách theo năm')
step('package_patch', patched['notes'] == 'Số liệu thu chi ngân sách theo năm' and patched['num_resources'] == 1
     and patched['tags'][0]['name'] == 'ngân sách')

found = anon.action.package_search(q='ngan sach hue')
step('package_search (unaccented)', any(p['id'] == ds['id'] for p in found['results']))
found = anon.action.package_search(fq='organization:so-tai-chinh', rows=5)
step('package_search fq', found['count'] == 1 and found['results'][0]['resources'][0]['id'] == res['id'])

download = requests.get(res['url'])
step('download byte-identical', download.status_code == 200 and download.content == data)

try:
    kho.action.package_create(name='Sai Tên', owner_org='so-tai-chinh')
    step('ValidationError', False)
except ValidationError as e:
    step('ValidationError', 'name' in e.error_dict)

try:
    anon.action.package_create(name='an-danh', owner_org='so-tai-chinh')
    step('NotAuthorized', False)
except NotAuthorized:
    step('NotAuthorized', True)

kho.action.package_delete(id=ds['id'])
step('package_delete', ds['name'] not in anon.action.package_list())
try:
    anon.action.package_show(id='khong-ton-tai')
    step('NotFound', False)
except NotFound:
    step('NotFound', True)
print('ckanapi flow passed')
