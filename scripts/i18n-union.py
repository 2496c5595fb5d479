#!/usr/bin/env python3
"""Resolves a git merge conflict in a Text.fr.resx: keeps every entry of both sides (theirs wins on the same key)."""
import subprocess, sys, xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr
path = sys.argv[1]
entries = {}
for stage in ('2', '3'):
    text = subprocess.run(['git', 'show', f':{stage}:{path}'], capture_output=True, text=True, check=True).stdout
    for d in ET.fromstring(text).findall('data'):
        entries[d.get('name')] = d.find('value').text or ''
out = ['<?xml version="1.0" encoding="utf-8"?>', '<root>',
       '  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>',
       '  <resheader name="version"><value>2.0</value></resheader>',
       '  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>',
       '  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>']
for k in sorted(entries, key=str.lower):
    out.append(f'  <data name={quoteattr(k)} xml:space="preserve"><value>{escape(entries[k])}</value></data>')
out.append('</root>')
open(path, 'w', encoding='utf-8').write('\n'.join(out) + '\n')
print(path, len(entries))
