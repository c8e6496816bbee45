\\ Orders and primitivity of random irreducible GF(2) polynomials of degree 257..1206, by PARI.
\\ Run: gp -q -f order_cases.gp > gf2x_order_pari.txt   (PARI/GP 2.15.2, setrand(1206))
\\ 2^m - 1 is factored by PARI one cyclotomic part Phi_d(2), d | m, at a time (degrees whose
\\ parts do not factor within the alarm are skipped); ord(g) = fforder(ffgen(g), [N, factor]).
\\ Line format: <m> <g as hex> <order of g, decimal> <primitive 0/1>
\\ (bit i of the hex number = coefficient of x^i).
default(parisizemax, 2^30);
setrand(1206);
hex(p) = Strprintf("%x", subst(lift(p), x, 2));
rnd(d) = Mod(1,2) * (x^d + 1 + sum(i = 1, d - 1, random(2) * x^i));
fac2m(m) = {
  my(P = [], E = []);
  fordiv(m, d, my(F = factor(polcyclo(d, 2))); P = concat(P, F[,1]~); E = concat(E, F[,2]~));
  my(F = matreduce(Mat([P~, E~])));
  F;
}
try(m) = iferr(alarm(20, fac2m(m)), e, 0);
{
  foreach([257, 258, 262, 270, 288, 300, 333, 360, 420, 455, 504, 560, 630, 660, 720, 768, 840, 900, 1008, 1050, 1092, 1155, 1200, 1206], m,
    my(F = try(m));
    if (F === 0 || type(F) == "t_ERROR", print("# skipped m = ", m, ": 2^m - 1 not factored by PARI within the alarm"); next);
    my(N = 2^m - 1);
    if (factorback(F) != N, error("bad factorization ", m));
    for (t = 1, 2,
      my(g = rnd(m));
      while (!polisirreducible(g), g = rnd(m));
      my(o = fforder(ffgen(g), [N, F]));
      print(m, " ", hex(g), " ", o, " ", o == N)
    );
  );
}
