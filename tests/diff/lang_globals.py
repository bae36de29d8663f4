lr = 0.1
epochs = 5
def f():
    return globals()['lr']
g = globals()
print(g['lr'], g['epochs'], f(), 'f' in g, 'lr' in globals(), globals()['__name__'])
print(sorted(k for k in globals() if not k.startswith('__')))
import math
print('math' in globals(), globals().get('nope', 'default'))
print(globals)
