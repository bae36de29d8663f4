import numpy as np
# the notebook's NumPy cell with an elementwise gradient (no np.dot):
# dJ/dw = mean(2 * x * (w*x - y))
X = np.array([1, 2, 3, 4], dtype=np.float32)
Y = np.array([2, 4, 6, 8], dtype=np.float32)
w = 0.0
def forward(x):
    return w * x
def loss(y, y_predicted):
    return ((y_predicted - y) ** 2).mean()
def gradient(x, y, y_predicted):
    return (2 * x * (y_predicted - y)).mean()
print(f"Prediction before training: f(5) = {forward(5):.3f}")
learning_rate = 0.01
for epoch in range(30):
    y_pred = forward(X)
    l = loss(Y, y_pred)
    dw = gradient(X, Y, y_pred)
    w -= learning_rate * dw
    if epoch % 3 == 0:
        print(f"epoch {epoch+1}: w = {w:.3f}, loss = {l:.8f}")
        print(w, l, dw)
print(f"Prediction after training: f(5) = {forward(5):.3f}")
