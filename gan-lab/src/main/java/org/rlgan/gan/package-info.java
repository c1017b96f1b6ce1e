/**
 * GAN trainers, losses (minimax, non-saturating, LSGAN, WGAN, WGAN-GP, hinge, R1), architectures, datasets
 * and metrics of book chapter 9. Arrives with issue 8; nothing here yet. The gradient penalties rest on
 * the nets module's higher-order differentiation ({@code Autograd.grad(..., createGraph = true)}).
 */
package org.rlgan.gan;
