/**
 * Differentiable training losses built from {@link org.rlgan.nets.Ops}, so every loss can be differentiated
 * to any order (a gradient penalty may differentiate through one).
 *
 * <p>Conventions shared by every {@link org.rlgan.nets.loss.Loss}:
 * <ul>
 *   <li>Dimension 0 of the prediction is the batch, of size n ≥ 1.</li>
 *   <li>Each loss first forms a per-sample loss vector l of shape [n]. Element-wise losses
 *       ({@link org.rlgan.nets.loss.Mse}, {@link org.rlgan.nets.loss.Huber},
 *       {@link org.rlgan.nets.loss.BinaryCrossEntropyWithLogits}) take the <em>mean</em> over the non-batch
 *       dimensions; distribution losses ({@link org.rlgan.nets.loss.SoftmaxCrossEntropy},
 *       {@link org.rlgan.nets.loss.KlDivergence}) take the <em>sum</em> over the classes.</li>
 *   <li>Optional per-sample weights w [n] (prioritised replay's importance-sampling weights, Schaul et al.
 *       2016) multiply l element by element before the {@link org.rlgan.nets.loss.Reduction}:
 *       NONE gives w⊙l [n], SUM gives Σᵢ wᵢlᵢ, MEAN gives (1/n) Σᵢ wᵢlᵢ (divided by n, not by Σw, as in
 *       the SB3 and PyTorch PER implementations).</li>
 * </ul>
 * Hence, without weights, MEAN of an element-wise loss is the mean over all elements, exactly PyTorch's
 * default {@code reduction='mean'}; MEAN of the distribution losses is PyTorch's cross-entropy mean and
 * kl_div's {@code reduction='batchmean'}. SUM is always Σ of the NONE vector: for an element-wise loss whose
 * samples have d &gt; 1 elements this is PyTorch's {@code reduction='sum'} divided by d.
 */
package org.rlgan.nets.loss;
