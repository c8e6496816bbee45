\\ Writes pari_find.txt: first irreducible low-weight polynomials of large degree over GF(2),
\\ in galois' order (for x^n + x^a + x^b + x^c + 1: a, then b, then c ascending), by PARI/GP's
\\ polisirreducible. Run: gp -q crates/gf-core/tests/data/pari_find.gp > crates/gf-core/tests/data/pari_find.txt
first5(n) = { for(a=3, n-1, for(b=2, a-1, for(c=1, b-1, if(polisirreducible(Mod(1,2)*(x^n + x^a + x^b + x^c + 1)), return([a,b,c]))))); }
first3(n) = { for(k=1, n-1, if(polisirreducible(Mod(1,2)*(x^n+x^k+1)), return(k))); -1 }
print("# PARI/GP ", version(), ": DEGREE TERMS first irreducible over GF(2) (none: there is none), by pari_find.gp");
print("# 2^1279 - 1 and 2^607 - 1 are prime (Mersenne), so there the first irreducible is also the first primitive.");
foreach([1000, 1024, 1279, 607, 4096], n, my(k = first3(n)); print(n, " 3 ", if(k < 0, "none", Str("x^", n, " + x^", k, " + 1"))));
foreach([1000, 1024, 2048], n, my(v = first5(n)); print(n, " 5 x^", n, " + x^", v[1], " + x^", v[2], " + x^", v[3], " + 1"));
