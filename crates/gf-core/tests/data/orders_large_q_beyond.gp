\\ Orders over GF(65521) and GF(2^31 - 1) for degrees where PARI/GP's own factor(q^m - 1) did
\\ not finish within 20-40 s (see the comments in orders_large_q*.txt): the factorization of
\\ q^m - 1 comes from pm1_beyond_pari.txt (found by lfsr-map), is checked here (product equal
\\ to q^m - 1, ispseudoprime() on every factor), and PARI computes the order of a random
\\ irreducible polynomial with it: fforder(ffgen(g), [q^m - 1, fa]).
\\ Output lines: q | m | polynomial | order.
\\ Run from this directory: gp -q -f orders_large_q_beyond.gp > orders_large_q_beyond.txt
default(parisizemax, 2^31);
setrand(20261205);
rows = readstr("pm1_beyond_pari.txt");
{
for (i = 1, #rows,
  if (Vec(rows[i])[1] == "#", next);
  w = strsplit(rows[i], " ");
  q = eval(w[1]); m = eval(w[2]);
  f = strsplit(strjoin(w[3..#w], ""), "*");
  fa = matrix(#f, 2, j, k, my(pe = strsplit(f[j], "^")); if (k == 1, eval(pe[1]), if (#pe > 1, eval(pe[2]), 1)));
  if (factorback(fa) != q^m - 1 || #select(p -> !ispseudoprime(p), fa[, 1]), error("bad row ", q, " ", m));
  until (polisirreducible(g), g = Mod(1, q) * (x^m + sum(i = 0, m - 1, random(q) * x^i)));
  print(q, " | ", m, " | ", lift(g), " | ", fforder(ffgen(g), [q^m - 1, fa])));
}
quit
