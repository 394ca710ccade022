/**
 * Files: {@link org.rnn4j.io.SafeTensors} and {@link org.rnn4j.io.Npy} (validated before allocating,
 * written atomically), {@link org.rnn4j.io.ModelFile} (models as safetensors with PyTorch {@code state_dict}
 * names and the config in {@code __metadata__}; PyTorch RNN/LSTM/GRU files load too) and
 * {@link org.rnn4j.io.ConvModelFile}. A bad file raises {@link org.rnn4j.io.FormatException}.
 */
package org.rnn4j.io;
