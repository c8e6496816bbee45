\\ Random dense GF(2) polynomials and PARI's factormod of each.
\\ Run: gp -q -f factor_cases.gp > gf2x_factor_pari.txt   (PARI/GP 2.15.2, setrand(20261202))
\\ Line format: <f as hex> <g1 hex>^<e1> <g2 hex>^<e2> ...  (bit i of a hex number = coefficient
\\ of x^i; factors sorted by degree then value, as PARI's factormod sorts them: checked below).
default(parisizemax, 2^30);
setrand(20261202);
hex(p) = Strprintf("%x", subst(lift(p), x, 2));
rnd(d) = Mod(1,2) * (x^d + sum(i = 0, d - 1, random(2) * x^i));
emit(f) = {
  my(F = factormod(lift(f), 2), s = hex(f));
  for (j = 1, #F[,1], s = Str(s, " ", hex(F[j,1]), "^", F[j,2]));
  print(s);
}
\\ plain random dense polynomials of assorted degrees
{
  foreach([5, 17, 64, 65, 100, 128, 200, 257, 300, 400, 511, 600, 800, 1000, 1000, 1000, 1500, 2000, 3000, 4000], d, emit(rnd(d)));
}
\\ with repeated factors: g^2 h^3 k, g h k random
{
  for (t = 1, 6, my(g = rnd(10 * t + 3), h = rnd(5 * t + 1), k = rnd(40 * t)); emit(g^2 * h^3 * k));
}
\\ with x and x + 1 to high powers
{ emit(x^7 * (x + 1)^9 * rnd(150)); emit((x^2 + x + 1)^16 * rnd(99)); }
