default(parisizemax, 2^31);
\\ For each Mersenne exponent n with a known primitive trinomial x^n + x^k + 1 (Zierler 1969;
\\ Brent-Larvala-Zimmermann 2003 table), PARI's polisirreducible on the trinomial and on the
\\ near misses x^n + x^(k+1) + 1 and x^n + x^(k-1) + 1.
L = [[521,32],[607,105],[1279,216],[2281,715],[3217,67],[4423,271],[9689,84],[19937,881],[23209,1530],[44497,8575]];
{
for (i = 1, #L,
  my(n = L[i][1], k = L[i][2]);
  my(a = polisirreducible(Mod(1,2)*(x^n + x^k + 1)));
  my(b = polisirreducible(Mod(1,2)*(x^n + x^(k+1) + 1)));
  my(c = polisirreducible(Mod(1,2)*(x^n + x^(k-1) + 1)));
  print(n, " ", k, " ", a, " ", k+1, " ", b, " ", k-1, " ", c, " mersenne_prime=", if(n < 5000, ispseudoprime(2^n-1), "A000043"));
);
}
f = factormod(x^4253 + x^1155 + 1, 2);
print("4253 1155 ", vecsort([poldegree(lift(f[j,1])) | j <- [1..#f[,1]]]), " ", f[,2]~);
