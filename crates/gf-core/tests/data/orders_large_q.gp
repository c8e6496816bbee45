\\ Orders of random irreducible polynomials over GF(65521) and GF(2^31 - 1), computed by PARI/GP
\\ (fforder on ffgen(g), the class of x modulo g; PARI factors q^d - 1 itself). A case is kept
\\ only if PARI answers within 20 s (alarm); the others are listed as comments. Output lines: q | d | polynomial | order.
\\ Run: gp -q -f orders_large_q.gp > orders_large_q.txt   (PARI/GP 2.15, setrand(20261202))
default(parisizemax, 2^31);
setrand(20261202);
{
for (qi = 1, 2,
  q = [65521, 2^31 - 1][qi];
  forstep (d = 10, 60, 5,
    for (k = 1, 2,
      until (polisirreducible(g),
        g = Mod(1, q) * (x^d + sum(i = 0, d - 1, random(q) * x^i)));
      r = alarm(20, fforder(ffgen(g), factor(q^d - 1)));  \\ an error object on time-out
      if (type(r) == "t_INT", print(q, " | ", d, " | ", lift(g), " | ", r),
                 print("# ", q, " ", d, ": PARI gave no answer in 20 s")))));
}
quit
