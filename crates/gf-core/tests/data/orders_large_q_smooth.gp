\\ Orders of random irreducible polynomials over GF(65521) and GF(2^31 - 1), computed by PARI/GP
\\ This second script takes degrees with many divisors (small cyclotomic parts), one each.
\\ (fforder on ffgen(g), the class of x modulo g; PARI factors q^d - 1 itself). A case is kept
\\ only if PARI answers within 40 s (alarm); the others are listed as comments. Output lines: q | d | polynomial | order.
\\ Run: gp -q -f orders_large_q_smooth.gp > orders_large_q_smooth.txt   (PARI/GP 2.15, setrand(20261204))
default(parisizemax, 2^31);
setrand(20261204);
{
for (qi = 1, 2,
  q = [65521, 2^31 - 1][qi];
  foreach ([12, 16, 18, 24, 30, 36, 48, 60], d,
    for (k = 1, 1,
      until (polisirreducible(g),
        g = Mod(1, q) * (x^d + sum(i = 0, d - 1, random(q) * x^i)));
      r = alarm(40, fforder(ffgen(g), factor(q^d - 1)));  \\ an error object on time-out
      if (type(r) == "t_INT", print(q, " | ", d, " | ", lift(g), " | ", r),
                 print("# ", q, " ", d, ": PARI gave no answer in 40 s")))));
}
quit
