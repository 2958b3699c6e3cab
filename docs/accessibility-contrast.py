# Contrast ratios (WCAG 2.1) of the colour pairs in static/fanloop.css, light and dark (issue 23): python3 docs/accessibility-contrast.py
import sys
def rgb(h):
    h=h.lstrip('#'); return [int(h[i:i+2],16) for i in (0,2,4)]
def lum(c):
    def ch(v):
        v/=255; return v/12.92 if v<=0.03928 else ((v+0.055)/1.055)**2.4
    r,g,b=[ch(x) for x in c]; return 0.2126*r+0.7152*g+0.0722*b
def mix(a,b,p):  # p of a over b
    A,B=rgb(a),rgb(b); return '#'+''.join('%02x'%round(A[i]*p+B[i]*(1-p)) for i in range(3))
def ratio(f,b):
    l1,l2=lum(rgb(f)),lum(rgb(b)); l1,l2=max(l1,l2),min(l1,l2); return (l1+0.05)/(l2+0.05)
def row(name,f,b):
    r=ratio(f,b); print(f"| {name} | {f} | {b} | {r:.2f} | {'pass' if r>=4.5 else 'FAIL'} |")
themes={
 'light':dict(card='#ffffff',bg='#f5f5f7',soft='#fff1e8',text='#1f1f1f',muted=sys.argv[1] if len(sys.argv)>1 else '#5f6368',ink='#c2410c',fill='#c2410c',
   st=dict(open='#5f6570',review='#1559b5',planned='#5b3fd9',progress='#9a4500',shipped='#136b34',declined='#a63a35',merged='#575e6b',accent='#a83a0a'),danger='#c9282e'),
 'dark':dict(card='#1c1c1f',bg='#121214',soft='#3a2416',text='#ececef',muted='#a3a6ad',ink='#ff8a3d',fill='#c2410c',
   st=dict(open='#a0a5ad',review='#6aa6f7',planned='#a896ff',progress='#f5a962',shipped='#46c47c',declined='#ec8a84',merged='#9ca3af',accent='#ff8a3d'),danger='#ff6b6f'),
}
print("| theme: pair | fg | bg | ratio | AA |\n|---|---|---|---|---|")
for t,c in themes.items():
    for bgname in ('card','bg','soft'):
        row(f"{t}: accent text on {bgname}",c['ink'],c[bgname])
        row(f"{t}: muted on {bgname}",c['muted'],c[bgname])
    row(f"{t}: white on accent fill",'#ffffff',c['fill'])
    row(f"{t}: danger text on card",c['danger'],c['card'])
    row(f"{t}: white on danger fill",'#ffffff','#c9282e')
    for k,v in c['st'].items():
        row(f"{t}: badge {k} (on 12% tint over card)",v,mix(v,c['card'],.12))
        row(f"{t}: badge {k} (on 12% tint over bg)",v,mix(v,c['bg'],.12))
