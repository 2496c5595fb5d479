#!/usr/bin/env python3
# usage: write.py <folder> <tsv file: key \t french>  -> merges into <folder>/Text.fr.resx (sorted)
import sys,os,xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr
folder,tsv=sys.argv[1],sys.argv[2]
path=os.path.join(folder,'Text.fr.resx')
entries={}
if os.path.exists(path):
    for d in ET.parse(path).getroot().findall('data'): entries[d.get('name')]=d.find('value').text or ''
for line in open(tsv,encoding='utf-8'):
    line=line.rstrip('\n')
    if not line.strip(): continue
    k,v=line.split('\t',1); entries[k]=v
out=['<?xml version="1.0" encoding="utf-8"?>','<root>',
'  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>',
'  <resheader name="version"><value>2.0</value></resheader>',
'  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>',
'  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>']
for k in sorted(entries, key=str.lower):
    out.append(f'  <data name={quoteattr(k)} xml:space="preserve"><value>{escape(entries[k])}</value></data>')
out.append('</root>')
open(path,'w',encoding='utf-8').write('\n'.join(out)+'\n')
print(path,len(entries))
