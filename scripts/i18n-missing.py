#!/usr/bin/env python3
# usage: keys.py <folder-with-Text.cs>  -> prints the T["..."] keys used by razor files bound to that folder that lack fr translations
import re,sys,os,glob,xml.etree.ElementTree as ET
root=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','src','Enclave.Server')
root=os.path.abspath(root)
def resx_keys(path):
    if not os.path.exists(path): return {}
    t=ET.parse(path); return {d.get('name'):d.find('value').text for d in t.getroot().findall('data')}
def localizer_for(f):
    d=os.path.dirname(f)
    txt=open(f).read()
    m=re.search(r'IStringLocalizer<([\w.]+)>\s+T\b',txt)
    while not m and d.startswith(root):
        imp=os.path.join(d,'_Imports.razor')
        if os.path.exists(imp):
            m=re.search(r'IStringLocalizer<([\w.]+)>\s+T\b',open(imp).read())
        d=os.path.dirname(d)
    if not m: return None
    name=m.group(1)
    if name=='Text': return os.path.join(root,'Ui')
    parts=name.split('.')
    assert parts[:2]==['Enclave','Server'] and parts[-1]=='Text', name
    return os.path.join(root,*parts[2:-1])
used={}
for f in glob.glob(root+'/**/*.razor',recursive=True):
    folder=localizer_for(f)
    if not folder: continue
    for k in re.findall(r'\bT\["((?:[^"\\]|\\.)*)"',open(f).read()):
        used.setdefault(folder,set()).add(k)
for f in glob.glob(root+'/**/*.cs',recursive=True):
    for k in re.findall(r'(?:UiActions\.Back\(http,[^,;]+|SetFlash\(http)\s*,\s*"([^"]+)"\)',open(f).read()):
        used.setdefault(os.path.join(root,'Ui'),set()).add(k)
    for k in re.findall(r'flash = [^;]*?"([^"]+)"',open(f).read()):
        used.setdefault(os.path.join(root,'Ui'),set()).add(k)
target=os.path.abspath(sys.argv[1]) if len(sys.argv)>1 else None
for folder,keys in sorted(used.items()):
    if target and folder!=target: continue
    have=resx_keys(os.path.join(folder,'Text.fr.resx'))
    missing=sorted(k for k in keys if k not in have)
    print('##',os.path.relpath(folder,root),len(keys),'used',len(missing),'missing')
    for k in missing: print(k)
