import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Mean vector and covariance matrix (unbiased) of row-vector features. */
export function moments(features: Float32Array, n: number, d: number): { mean: Float64Array; cov: Matrix } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += features[i * d + j]! / n;
  const centered = new Matrix(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centered.set(i, j, features[i * d + j]! - mean[j]!);
  const cov = centered.transpose().mmul(centered).div(Math.max(1, n - 1));
  return { mean, cov };
}

// Symmetric PSD square root through an eigendecomposition (negative round-off clipped to 0).
function sqrtPsd(m: Matrix): Matrix {
  const e = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const v = e.eigenvectorMatrix;
  const s = Matrix.diag(e.realEigenvalues.map((x) => Math.sqrt(Math.max(0, x))));
  return v.mmul(s).mmul(v.transpose());
}

/**
 * Fréchet distance between two Gaussians fitted to features (the FID formula):
 * ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^½). Tr((Σ₁ Σ₂)^½) is computed as the trace of
 * (Σ₁^½ Σ₂ Σ₁^½)^½, which has the same eigenvalues and is symmetric.
 */
export function frechetDistance(a: { mean: Float64Array; cov: Matrix }, b: { mean: Float64Array; cov: Matrix }): number {
  let meanTerm = 0;
  for (let j = 0; j < a.mean.length; j++) meanTerm += (a.mean[j]! - b.mean[j]!) ** 2;
  const s1 = sqrtPsd(a.cov);
  const middle = s1.mmul(b.cov).mmul(s1);
  const sym = middle.add(middle.transpose()).div(2);
  const e = new EigenvalueDecomposition(sym, { assumeSymmetric: true });
  const traceSqrt = e.realEigenvalues.reduce((acc, x) => acc + Math.sqrt(Math.max(0, x)), 0);
  return meanTerm + a.cov.trace() + b.cov.trace() - 2 * traceSqrt;
}
