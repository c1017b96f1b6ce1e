/**
 * GAN trainers, losses, architectures, datasets and metrics of book chapter 9 (issue 8). Subpackages:
 * {@code loss} (minimax, non-saturating, LSGAN, WGAN, hinge; WGAN-GP and R1 penalties by double backward),
 * {@code layers} (spectral normalisation, maxout), {@code train} (the two-player trainer, its configuration,
 * listeners, checkpoints, unrolling), {@code data} (PacGAN/VEEGAN Gaussian mixtures, swiss roll), {@code models}
 * (2-D MLP GANs), {@code metrics} (PacGAN's mode metrics), {@code examples} (the PacGAN Table 1 benchmark) and
 * {@code bench} (the ring-GAN step beside PyTorch). See docs/gan.md.
 */
package org.rlgan.gan;
