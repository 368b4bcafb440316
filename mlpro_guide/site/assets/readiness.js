/* The readiness estimate's statistics, the same computation as
   mlpro_guide/content/readiness.py (its docstring describes the method; a test runs this
   file in Node and compares the numbers): per domain a Beta(1 + right, 1 + wrong)
   posterior and its exact 80% interval, the exam-weighted estimate with a normal
   approximation of its interval, and how many more unseen questions per domain would
   bring that interval within +/- 5 points. No DOM: puts mlproReadiness on the global
   object. */
(function (root) {
  "use strict";
  var PRIOR = [1, 1];
  var LEVEL = 0.8;
  var Z_80 = 1.2815515655446004;
  var TARGET_HALF_WIDTH = 0.05;
  var MAX_MORE = 1000;
  var LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028,
    771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7];

  function logGamma(x) {
    if (x < 0.5) { return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); }
    x -= 1;
    var total = LANCZOS[0];
    var t = x + 7.5;
    for (var i = 1; i < 9; i++) { total += LANCZOS[i] / (x + i); }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(total);
  }

  function betaFraction(a, b, x) {
    var tiny = 1e-300;
    var qab = a + b, qap = a + 1, qam = a - 1;
    var c = 1, d = 1 - qab * x / qap;
    d = 1 / (Math.abs(d) > tiny ? d : tiny);
    var h = d;
    for (var m = 1; m <= 300; m++) {
      var m2 = 2 * m;
      var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) > tiny ? d : tiny);
      c = 1 + aa / c;
      c = Math.abs(c) > tiny ? c : tiny;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) > tiny ? d : tiny);
      c = 1 + aa / c;
      c = Math.abs(c) > tiny ? c : tiny;
      var delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-15) { break; }
    }
    return h;
  }

  function betaCdf(x, a, b) {
    if (x <= 0) { return 0; }
    if (x >= 1) { return 1; }
    var front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) +
      a * Math.log(x) + b * Math.log(1 - x));
    if (x < (a + 1) / (a + b + 2)) { return front * betaFraction(a, b, x) / a; }
    return 1 - front * betaFraction(b, a, 1 - x) / b;
  }

  function betaQuantile(p, a, b) {
    var low = 0, high = 1;
    for (var i = 0; i < 100; i++) {
      var middle = (low + high) / 2;
      if (betaCdf(middle, a, b) < p) { low = middle; } else { high = middle; }
    }
    return (low + high) / 2;
  }

  function domainEstimate(domain, weight, right, total) {
    if (!(right >= 0 && right <= total)) {
      throw new Error("domain " + domain + ": " + right + " right of " + total + " is impossible");
    }
    var a = PRIOR[0] + right, b = PRIOR[1] + total - right;
    var tail = (1 - LEVEL) / 2;
    return {
      domain: domain, weight: weight, right: right, total: total, mean: a / (a + b),
      low: betaQuantile(tail, a, b), high: betaQuantile(1 - tail, a, b),
      variance: a * b / ((a + b) * (a + b) * (a + b + 1))
    };
  }

  /* weights: [[domain id, weight], ...] in the exam guide's order. */
  function shares(weights) {
    var total = 0;
    weights.forEach(function (w) { total += w[1]; });
    if (!(total > 0)) { throw new Error("domain weights must add up to more than zero"); }
    var out = {};
    weights.forEach(function (w) { out[w[0]] = w[1] / total; });
    return out;
  }

  function moreAnswers(domains, weights) {
    var share = shares(weights);
    var added = {};
    domains.forEach(function (d) { added[d.domain] = 0; });
    function variance(d, extra) {
      var size = PRIOR[0] + PRIOR[1] + d.total + extra;
      return share[d.domain] * share[d.domain] * d.mean * (1 - d.mean) / (size + 1);
    }
    var limit = Math.pow(TARGET_HALF_WIDTH / Z_80, 2);
    for (var step = 0; step < MAX_MORE; step++) {
      var sum = 0;
      domains.forEach(function (d) { sum += variance(d, added[d.domain]); });
      if (sum <= limit) { break; }
      var best = null, bestGain = -Infinity;
      domains.forEach(function (d) {
        var gain = variance(d, added[d.domain]) - variance(d, added[d.domain] + 1);
        if (gain > bestGain) { best = d; bestGain = gain; }
      });
      added[best.domain] += 1;
    }
    var out = {};
    Object.keys(added).forEach(function (k) { if (added[k]) { out[k] = added[k]; } });
    return out;
  }

  /* counts: {domain id: [right, total]}; weights: [[domain id, weight], ...]. */
  function readiness(counts, weights) {
    var known = weights.map(function (w) { return w[0]; });
    Object.keys(counts).forEach(function (k) {
      if (known.indexOf(k) === -1) { throw new Error("answers for an unknown domain " + k); }
    });
    var share = shares(weights);
    var domains = weights.map(function (w) {
      var c = counts[w[0]] || [0, 0];
      return domainEstimate(w[0], w[1], c[0], c[1]);
    });
    var mean = 0, variance = 0;
    domains.forEach(function (d) {
      mean += share[d.domain] * d.mean;
      variance += share[d.domain] * share[d.domain] * d.variance;
    });
    var spread = Z_80 * Math.sqrt(variance);
    return {
      domains: domains, mean: mean, low: Math.max(0, mean - spread),
      high: Math.min(1, mean + spread), more: moreAnswers(domains, weights)
    };
  }

  root.mlproReadiness = {
    TARGET_HALF_WIDTH: TARGET_HALF_WIDTH, LEVEL: LEVEL, betaCdf: betaCdf,
    betaQuantile: betaQuantile, readiness: readiness
  };
})(typeof window !== "undefined" ? window : globalThis);
