#!/usr/bin/env python3
"""Keeps a Text.fr.resx sorted, one entry per key.

  i18n-merge.py FOLDER FILE.tsv   merge `English key<TAB>French` lines into FOLDER/Text.fr.resx
  i18n-merge.py --conflict PATH   resolve a git merge conflict in PATH: every entry of both sides (theirs wins)
"""
import os, subprocess, sys, xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

HEADER = ['<?xml version="1.0" encoding="utf-8"?>', '<root>',
          '  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>',
          '  <resheader name="version"><value>2.0</value></resheader>',
          '  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>',
          '  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>']

def entries_of(xml_text, into):
    for d in ET.fromstring(xml_text).findall('data'):
        into[d.get('name')] = d.find('value').text or ''

def write(path, entries):
    lines = HEADER + [f'  <data name={quoteattr(k)} xml:space="preserve"><value>{escape(entries[k])}</value></data>'
                      for k in sorted(entries, key=str.lower)] + ['</root>']
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    print(path, len(entries))

entries = {}
if len(sys.argv) == 3 and sys.argv[1] == '--conflict':
    path = sys.argv[2]
    for stage in ('2', '3'):
        entries_of(subprocess.run(['git', 'show', f':{stage}:{path}'], capture_output=True, text=True, check=True).stdout, entries)
elif len(sys.argv) == 3:
    path = os.path.join(sys.argv[1], 'Text.fr.resx')
    if os.path.exists(path):
        entries_of(open(path, encoding='utf-8').read(), entries)
    for line in open(sys.argv[2], encoding='utf-8'):
        line = line.rstrip('\n')
        if line.strip():
            key, value = line.split('\t', 1)
            entries[key] = value
else:
    sys.exit(__doc__)
write(path, entries)
