/**
 * Weight initialisers with the bounds and variances of PyTorch's {@code torch.nn.init}.
 *
 * <p>Every {@link org.rlgan.nets.init.Initializer} draws its numbers in Java, in float64, from the
 * {@link java.util.random.RandomGenerator} it is given (row-major order), and only then casts to the requested
 * data type: the same generator state gives the same bits on every machine and ND4J backend. Fans are
 * passed explicitly ({@link org.rlgan.nets.init.Fans} computes them for dense and convolution weights), so
 * an initialiser does not need to know a layer's weight layout.
 */
package org.rlgan.nets.init;
