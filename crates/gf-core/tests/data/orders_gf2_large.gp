\\ Orders of GF(2) polynomials whose irreducible factors have degree 257-1,206, by PARI/GP:
\\ fforder(ffgen(g), [2^m - 1, fa]) for each irreducible g of degree m, with fa the
\\ factorization of 2^m - 1 from crates/gf-core/data/cunningham.txt (the Cunningham Project
\\ table, every factor checked with ispseudoprime() here again), and lcm over the factors for
\\ the products. Output lines: degree | polynomial | order.
\\ Run from this directory: gp -q -f orders_gf2_large.gp > orders_gf2_large.txt
default(parisizemax, 2^31);
setrand(20261203);
rows = readstr("../../data/cunningham.txt");
fa2(m) = {
  for (i = 1, #rows,
    w = strsplit(rows[i], " ");
    if (#w >= 2 && w[1] == "2" && eval(w[2]) == m,
      f = strsplit(strjoin(w[3..#w], ""), "*");
      M = matrix(#f, 2, j, k, my(pe = strsplit(f[j], "^")); if (k == 1, eval(pe[1]), if (#pe > 1, eval(pe[2]), 1)));
      if (factorback(M) != 2^m - 1 || #select(p -> !ispseudoprime(p), M[, 1]), error("bad row ", m));
      return (M)));
  error("no row ", m);
}
randirr(m) = my(g); until (polisirreducible(g), g = Mod(1, 2) * (x^m + 1 + sum(i = 1, m - 1, random(2) * x^i))); g;
ord(g) = my(m = poldegree(g)); fforder(ffgen(g), [2^m - 1, fa2(m)]);
{
\\ single irreducible polynomials
foreach ([257, 263, 326, 349, 500, 607, 768, 1000, 1206], m,
  g = randirr(m); print(m, " | ", lift(g), " | ", ord(g)));
\\ products: (degree 263) (degree 37), (degree 349) (degree 1000), (degree 521) (degree 1206)
foreach ([[263, 37], [349, 1000], [521, 1206]], pair,
  g = randirr(pair[1]); h = randirr(pair[2]);
  print(pair[1] + pair[2], " | ", lift(g * h), " | ", lcm(ord(g), ord(h))));
}
quit
